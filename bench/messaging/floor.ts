/**
 * What the send path's guarantees cost on this machine, one operation at a time (issue 9's floor
 * analysis, bench/README.md): the Ed25519 signature of a chain hash (node:crypto, as the server
 * signs), the chain hash itself (RFC 8785 canonical form + SHA-256, shared/evidence/chain.ts, and
 * the server's own, by node:crypto; and the genesis hash each conversation of a group commit gets), the validation of a `message:send` payload
 * (the shared zod schema), the JSON encodings of the ack and of `message:new`, and the durable
 * commit's disk flush: an 8 KiB write + `fdatasync` in a loop, in `BENCH_FLOOR_DIR` (default
 * the OS temporary directory; put it on the database's disk). Alone:
 * `npx tsx bench/messaging/floor.ts`; `BENCH_FLOOR_N` operations each (20,000), `BENCH_FLOOR_SYNCS`
 * flushes (300). CPU figures are `process.cpuUsage()` per operation, the flush's is wall time.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainContent, chainHash, canonicalJson, genesisHash } from '../../shared/evidence/chain';
import { requestSchemas, type Message } from '../../shared/protocol';
import {
  chainHash as serverChainHash,
  genesisHash as serverGenesisHash,
} from '../../server/src/platform/signing/chain';
import { hashSigner } from '../../server/src/platform/signing/sign';

const N = Number(process.env.BENCH_FLOOR_N ?? 20_000);
const SYNCS = Number(process.env.BENCH_FLOOR_SYNCS ?? 300);

/** CPU µs per call of `fn` over `n` calls (after a warm-up of n / 10). */
function cpuPer(n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < n / 10; i++) fn(i);
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn(i);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

const conversationId = 'dm:bench-a:bench-b';
const base = {
  conversationId,
  seq: 1,
  sender: 'bench-a',
  sentAt: new Date().toISOString(),
  clientId: randomUUID(),
  // The messaging bench's text (bench/messaging/load.ts).
  text: 'Price list for item 1, 500 pieces, FOB Ningbo, delivery in 30 days please.',
  lang: 'en',
  translation: null,
  attachments: [],
  order: null,
  change: null,
  replyTo: null,
};
const prev = genesisHash(conversationId);
const hash = chainHash(prev, base);
const sign = hashSigner(randomBytes(32));
const message: Message = { ...base, prevHash: prev, hash, signature: sign(hash) };
const request = { to: 'bench-b', clientId: base.clientId, text: base.text, lang: 'en' };
const ack = {
  ok: true,
  value: {
    conversationId,
    seq: 1,
    sentAt: message.sentAt,
    hash,
    signature: message.signature,
    duplicate: false,
  },
};

const rows: [string, number][] = [
  ['Ed25519 signature of a chain hash (node:crypto)', cpuPer(N, () => sign(hash))],
  [
    'chain hash: JCS + SHA-256 (shared/evidence/chain.ts, @noble)',
    cpuPer(N, (i) => chainHash(prev, { ...base, seq: i })),
  ],
  ['  of which the canonical form (JCS)', cpuPer(N, (i) => canonicalJson(chainContent({ ...base, seq: i })))],
  [
    'chain hash as the server computes it (node:crypto, platform/signing/chain.ts)',
    cpuPer(N, (i) => serverChainHash(prev, { ...base, seq: i })),
  ],
  ['genesis hash of a conversation (@noble)', cpuPer(N, (i) => genesisHash(`dm:a:b${i}`))],
  ['genesis hash as the server computes it (node:crypto)', cpuPer(N, (i) => serverGenesisHash(`dm:a:b${i}`))],
  [
    'message:send payload validated (shared zod schema)',
    cpuPer(N, () => requestSchemas['message:send'].parse(request)),
  ],
  ['JSON of message:new (once per broadcast)', cpuPer(N, () => JSON.stringify(message))],
  ['JSON of the ack', cpuPer(N, () => JSON.stringify(ack))],
];

const dir = mkdtempSync(join(process.env.BENCH_FLOOR_DIR ?? tmpdir(), 'tradewind-floor-'));
try {
  const fd = openSync(join(dir, 'wal'), 'w');
  const page = randomBytes(8192);
  const walls: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < SYNCS; i++) {
    const t0 = performance.now();
    // Append like a WAL does: a new 8 KiB block each time.
    writeSync(fd, page, 0, page.length, (i % 256) * page.length);
    fdatasyncSync(fd);
    walls.push((performance.now() - t0) * 1000);
  }
  const c = process.cpuUsage(c0);
  closeSync(fd);
  walls.sort((a, b) => a - b);
  const p = (q: number) => walls[Math.min(walls.length - 1, Math.floor((walls.length * q) / 100))]!;
  console.log('| operation | µs |\n| --- | ---: |');
  for (const [what, us] of rows) console.log(`| ${what} | ${us.toFixed(1)} CPU |`);
  console.log(
    `| 8 KiB write + fdatasync (${dir}): p50 / p90 / p99 wall | ${p(50).toFixed(0)} / ${p(90).toFixed(0)} / ${p(99).toFixed(0)} (CPU ${((c.user + c.system) / SYNCS).toFixed(0)}) |`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
