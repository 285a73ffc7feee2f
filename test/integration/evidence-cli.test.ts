/**
 * `tradewind-verify` as users run it: plain `node scripts/verify.mjs`, also copied on its own to
 * a directory without node_modules or sources (the bundled verifier), on good and tampered zips.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../shared/evidence/bundle';
import { bytesToHex } from '../../shared/evidence/chain';
import type { Scope } from '../../shared/evidence/format';
import { keyIdOf, publicKeyOf } from '../../shared/evidence/keys';
import {
  BUYER,
  SELLER,
  TEST_SECRET_KEY,
  attestSample,
  chainMessages,
  rawZip,
  sampleDispute,
} from '../../shared/evidence/testkit';

import { SERVER_KEY_PATH } from '../../server/src/platform/http/core';
import { wellKnownKeys } from '../../server/src/platform/signing/signingKey';
import { cacheKey } from '../../server/src/features/translation';
import { call, clientId, closeAll, signUp } from '../helpers/client';
import { runCli } from '../helpers/process';
import { BACKENDS, createTestDatabase, startTestServer, type TestDatabase } from '../helpers/server';

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tw-verify-'));

const OTHER_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 13 + 5) & 255);

function bundleZip(
  c = sampleDispute(),
  name?: string,
  { attestationKey = c.secretKey, messageKeys = [] as Uint8Array[] } = {},
): { path: string; publicKey: string } {
  const scope: Scope = { kind: 'whole' };
  const attestation = attestSample(c, scope, { secretKey: attestationKey, messageKeys });
  const b = buildBundle({
    messages: c.messages,
    attachmentBytes: (s) => c.attachments.get(s),
    attestation,
    serverPublicKey: publicKeyOf(attestationKey),
    keyUrl: 'https://tradewind.example/.well-known/tradewind/server-key.json',
    scope,
    options: { translations: true, attachments: true },
    exportedAt: '2025-05-20T09:30:00.000Z',
    exportedBy: 'anna.kowalska',
    partner: 'shenzhen-led',
  });
  const path = join(dir, name ?? b.fileName);
  writeFileSync(path, b.zip);
  return { path, publicKey: bytesToHex(publicKeyOf(attestationKey)) };
}

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

/** Like `run`, without blocking this process (so a server in it can answer the verifier). */
const runAsync = (script: string, args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

describe('tradewind-verify', () => {
  const { path, publicKey } = bundleZip();

  it('prints OK and exits 0 for an intact bundle, with the key pinned', () => {
    const r = run(join(root, 'scripts/verify.mjs'), [path, '--key', publicKey]);
    expect(r.stdout).toMatch(/^OK — 6 messages, 1 attachments, signed by key [0-9a-f]{16}\n$/);
    expect(r.status).toBe(0);
  });

  it('without a pinned key says on its first line that the key is not confirmed, and how to pin it', () => {
    const r = run(join(root, 'scripts/verify.mjs'), [path]);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `OK (key not pinned: ${keyIdOf(publicKeyOf(TEST_SECRET_KEY))} ${publicKey}) — 6 messages, 1 attachments`,
    );
    expect(lines[1]).toContain(
      'internally consistent, but nothing has confirmed that this key is the Tradewind server',
    );
    expect(lines[2]).toBe(
      `Pin it: tradewind-verify ${path} --key <the server's 64-hex public key>, or --key-url https://tradewind.example/.well-known/tradewind/server-key.json (if that is the operator's address)`,
    );
    expect(r.status).toBe(0);
  });

  it('a bundle re-signed by a forger with their own key: consistent, so unpinned it is OK with the warning; pinned it fails', () => {
    const forged = bundleZip(sampleDispute(OTHER_KEY), 'forged.zip');
    const r = run(join(root, 'scripts/verify.mjs'), [forged.path]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      `OK (key not pinned: ${keyIdOf(publicKeyOf(OTHER_KEY))} ${forged.publicKey}) — 6 messages, 1 attachments`,
    );
    expect(r.stdout).toContain('anyone can sign a consistent bundle with a key of their own');
    const pinned = run(join(root, 'scripts/verify.mjs'), [forged.path, '--key', publicKey]);
    expect(pinned.status).toBe(1);
    expect(pinned.stdout).toContain('[key_mismatch]');
  });

  it('after a key replacement, --key-url trusts the current and retired keys the server publishes', async () => {
    const base = sampleDispute();
    const drafts = base.messages.map((m) => ({
      sender: m.sender,
      text: m.text,
      lang: m.lang,
      translation: m.translation,
      order: m.order,
    }));
    const c = chainMessages([BUYER, SELLER], drafts, OTHER_KEY, {
      secretKeyFor: (i) => (i < 2 ? TEST_SECRET_KEY : OTHER_KEY),
    });
    const rotated = bundleZip(c, 'rotated.zip', {
      attestationKey: OTHER_KEY,
      messageKeys: [publicKeyOf(TEST_SECRET_KEY)],
    });
    const doc = {
      format: 'tradewind-server-keys-v1',
      alg: 'Ed25519',
      publicKey: bytesToHex(publicKeyOf(OTHER_KEY)),
      keyId: keyIdOf(publicKeyOf(OTHER_KEY)),
      keys: [
        {
          alg: 'Ed25519',
          publicKey: bytesToHex(publicKeyOf(OTHER_KEY)),
          keyId: keyIdOf(publicKeyOf(OTHER_KEY)),
          status: 'current',
        },
        {
          alg: 'Ed25519',
          publicKey,
          keyId: keyIdOf(publicKeyOf(TEST_SECRET_KEY)),
          status: 'retired',
          retiredAt: '2025-04-01T00:00:00.000Z',
        },
      ],
    };
    const server = createServer((_req, res) => res.end(JSON.stringify(doc)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/tradewind/server-key.json`;
      const r = await runAsync(join(root, 'scripts/verify.mjs'), [rotated.path, '--key-url', url]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(
        `OK — 6 messages, 0 attachments, signed by key ${keyIdOf(publicKeyOf(OTHER_KEY))} (older messages by key ${keyIdOf(publicKeyOf(TEST_SECRET_KEY))})\n`,
      );
      expect(r.status).toBe(0);
      // The retired key alone does not confirm the attestation key.
      const old = run(join(root, 'scripts/verify.mjs'), [rotated.path, '--key', publicKey]);
      expect(old.status).toBe(1);
      expect(old.stdout).toContain('[key_mismatch]');
    } finally {
      server.close();
    }
  });

  it('prints what is wrong and where, exit 1, for a tampered bundle', () => {
    const files = unzipSync(readFileSync(path));
    const e = JSON.parse(strFromU8(files['evidence.json'] as Uint8Array)) as { messages: { text: string }[] };
    e.messages[1]!.text = 'edited';
    files['evidence.json'] = strToU8(JSON.stringify(e));
    const bad = join(dir, 'tampered.zip');
    writeFileSync(bad, zipSync(files));
    const r = run(join(root, 'scripts/verify.mjs'), [bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAILED');
    expect(r.stdout).toContain('evidence.json, message 2: Message 2 has been changed');
  });

  it('a bundle with a forged report.pdf: the first line says report.pdf is not verified', () => {
    const files = unzipSync(readFileSync(path));
    const pdf = strToU8('%PDF-1.7 The seller admitted everything.');
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array)) as {
      files: { path: string; size: number; sha256: string }[];
    };
    manifest.files.push({ path: 'report.pdf', size: pdf.length, sha256: sha256(pdf) });
    files['report.pdf'] = pdf;
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    const forged = join(dir, 'forged-pdf.zip');
    writeFileSync(forged, zipSync(files));
    const r = run(join(root, 'scripts/verify.mjs'), [forged, '--key', publicKey]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      `OK — 6 messages, 1 attachments, signed by key ${keyIdOf(publicKeyOf(TEST_SECRET_KEY))} — report.pdf NOT verified (report.html is the verified report)`,
    );
    expect(r.stdout).toContain('[report_pdf_unverified]');
  });

  it('a second report.html before the genuine one, and a zip bomb, fail with their codes (standalone verifier too)', () => {
    const files = unzipSync(readFileSync(path));
    const dup = join(dir, 'duplicate.zip');
    writeFileSync(
      dup,
      rawZip([
        { name: 'report.html', data: strToU8('<p>forged</p>') },
        ...Object.entries(files).map(([name, data]) => ({ name, data })),
      ]),
    );
    const bomb = join(dir, 'bomb.zip');
    const block = deflateRawSync(Buffer.alloc(16 << 20), {
      level: 9,
      finishFlush: zlibConstants.Z_SYNC_FLUSH,
    });
    const data = new Uint8Array(block.length * 64 + 2);
    for (let i = 0; i < 64; i++) data.set(block, i * block.length);
    data.set([3, 0], block.length * 64);
    writeFileSync(bomb, rawZip([{ name: 'evidence.json', data, method: 8, size: 100 }]));
    const alone = mkdtempSync(join(tmpdir(), 'tw-verify-alone-'));
    copyFileSync(join(root, 'scripts/verify.mjs'), join(alone, 'verify.mjs'));
    copyFileSync(join(root, 'scripts/verify.bundle.mjs'), join(alone, 'verify.bundle.mjs'));
    for (const script of [join(root, 'scripts/verify.mjs'), join(alone, 'verify.mjs')]) {
      const d = run(script, [dup]);
      expect(d.status).toBe(1);
      expect(d.stdout).toContain('report.html: The archive holds two entries named report.html');
      expect(d.stdout).toContain('[zip_duplicate_name]');
      const b = run(script, [bomb, '--json']);
      expect(b.status).toBe(1);
      const out = JSON.parse(b.stdout) as { problems: { code: string }[]; zip: { inflatedBytes: number } };
      expect(out.problems.map((p) => p.code)).toEqual(['zip_size_mismatch']);
      expect(out.zip.inflatedBytes).toBe(100);
    }
  });

  it('reports a different key', () => {
    const r = run(join(root, 'scripts/verify.mjs'), [path, '--key', 'ab'.repeat(32)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[key_mismatch]');
  });

  it('runs with plain node from a directory without node_modules or sources', () => {
    const alone = mkdtempSync(join(tmpdir(), 'tw-verify-alone-'));
    copyFileSync(join(root, 'scripts/verify.mjs'), join(alone, 'verify.mjs'));
    copyFileSync(join(root, 'scripts/verify.bundle.mjs'), join(alone, 'verify.bundle.mjs'));
    const r = run(join(alone, 'verify.mjs'), [path, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { ok: boolean }).ok).toBe(true);
  });

  it('verifies a bundle of batch-signed messages (format version 3), standalone too; a changed proof fails', () => {
    const batched = bundleZip(sampleDispute(TEST_SECRET_KEY, [1, 3, 2]), 'batched.zip');
    const alone = mkdtempSync(join(tmpdir(), 'tw-verify-alone-'));
    copyFileSync(join(root, 'scripts/verify.mjs'), join(alone, 'verify.mjs'));
    copyFileSync(join(root, 'scripts/verify.bundle.mjs'), join(alone, 'verify.bundle.mjs'));
    const files = unzipSync(readFileSync(batched.path));
    const e = JSON.parse(strFromU8(files['evidence.json'] as Uint8Array)) as {
      messages: { proof?: { path: string[] } }[];
    };
    e.messages[2]!.proof!.path.reverse();
    files['evidence.json'] = strToU8(JSON.stringify(e));
    const bad = join(dir, 'batched-tampered.zip');
    writeFileSync(bad, zipSync(files));
    for (const script of [join(root, 'scripts/verify.mjs'), join(alone, 'verify.mjs')]) {
      const r = run(script, [batched.path, '--key', batched.publicKey, '--json']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { ok: boolean; summary: { formatVersion: number } };
      expect(out).toMatchObject({ ok: true, summary: { formatVersion: 3 } });
      const t = run(script, [bad, '--key', batched.publicKey]);
      expect(t.status).toBe(1);
      expect(t.stdout).toContain("evidence.json, message 3: Message 3's batch signature does not verify");
      expect(t.stdout).toContain('[message_signature]');
    }
  });

  it('exits 2 on usage errors', () => {
    expect(run(join(root, 'scripts/verify.mjs'), []).status).toBe(2);
    expect(run(join(root, 'scripts/verify.mjs'), [join(dir, 'missing.zip')]).status).toBe(2);
  });

  it('the committed bundle was built from the current sources (else: node scripts/build-verify.mjs)', () => {
    const text = readFileSync(join(root, 'scripts/verify.bundle.mjs'), 'utf8');
    const sources = JSON.parse(/^\/\/ sources: (.*)$/m.exec(text)?.[1] ?? '[]') as string[];
    const digest = /^\/\/ sources-digest: ([0-9a-f]{64})$/m.exec(text)?.[1];
    const h = createHash('sha256');
    for (const p of [...sources].sort())
      h.update(`${p}\n`)
        .update(readFileSync(join(root, p)))
        .update('\n');
    expect(sources).toContain('shared/evidence/verify.ts');
    expect(h.digest('hex')).toBe(digest);
  });
});

// Each CLI run loads tsx, the server and (PGlite) a WebAssembly PostgreSQL: minutes on a busy machine.
const SLOW = 240_000;

describe.each(BACKENDS)('operator bundles (`evidence export`) on %s', (backend) => {
  let db: TestDatabase;
  let keyServer: ReturnType<typeof createServer> | undefined;
  let publicUrl = '';
  let conversationId = '';
  let keyHex = '';
  const buyerText = 'Czy partia TW-77 ma certyfikat IP65?';
  const sellerText = '有的，证书明天发给您。';

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    const t = await startTestServer(backend, { db });
    keyHex = bytesToHex(t.signingKey.publicKey);
    const buyer = await signUp(t.url, 'op-buyer', { readLanguage: 'pl' });
    const seller = await signUp(t.url, 'op-seller', { role: 'seller', readLanguage: 'zh' });
    try {
      await call(buyer.socket, 'message:send', {
        to: seller.memberId,
        clientId: clientId(),
        text: buyerText,
        lang: 'pl',
      });
      await call(seller.socket, 'message:send', {
        to: buyer.memberId,
        clientId: clientId(),
        text: sellerText,
        lang: 'zh',
      });
      // What the translation service cached when each side read the other (DeepL in production):
      // the seller's text into Polish twice (with a glossary and without), the buyer's into Chinese.
      const cache = (text: string, source: string, target: string, glossary: string, translated: string) =>
        t.store.query(
          `insert into translation_cache (cache_key, text_hash, source_lang, target_lang, glossary_id, translated, detected_lang)
           values ($1, $2, $3, $4, $5, $6, $3)`,
          [
            cacheKey(source, target, glossary || null, text),
            sha256(text),
            source,
            target,
            glossary,
            translated,
          ],
        );
      await cache(sellerText, 'zh', 'pl', 'gl-1', 'Tak, certyfikat wyślemy jutro (glosariusz).');
      await cache(sellerText, 'zh', 'pl', '', 'Tak, certyfikat wyślemy Panu jutro.');
      await cache(buyerText, 'pl', 'zh', '', '批次TW-77有IP65证书吗？');
      await cache(buyerText, 'pl', 'de', '', 'Hat die Charge TW-77 ein IP65-Zertifikat?'); // nobody reads German
    } finally {
      closeAll(buyer.socket, seller.socket);
    }
    conversationId = [buyer.memberId, seller.memberId].sort().reduce((a, b) => `dm:${a}:${b}`);
    // The operator's public address, where the server's key document is published.
    const doc = JSON.stringify(wellKnownKeys(t.signingKey));
    await t.close();
    keyServer = createServer((req, res) => {
      res.statusCode = req.url === SERVER_KEY_PATH ? 200 : 404;
      res.end(req.url === SERVER_KEY_PATH ? doc : '');
    });
    const ks = keyServer;
    await new Promise<void>((resolve) => ks.listen(0, '127.0.0.1', resolve));
    publicUrl = `http://127.0.0.1:${(ks.address() as AddressInfo).port}`;
  }, SLOW);
  afterAll(async () => {
    keyServer?.close();
    await db?.dispose();
  });

  it(
    'name the key document under TRADEWIND_PUBLIC_URL, which --key-url fetches, and carry the cached machine translations',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'tw-operator-'));
      const exported = await runCli(['evidence', 'export', '--conversation', conversationId, '--out', out], {
        TRADEWIND_DATA_DIR: db.dataDir,
        DATABASE_URL: db.databaseUrl ?? '',
        TRADEWIND_PUBLIC_URL: publicUrl,
      });
      expect(exported.stderr).toBe('');
      expect(exported.code).toBe(0);
      const file = (JSON.parse(exported.stdout) as { file: string }).file;
      const files = unzipSync(readFileSync(file));
      const evidence = JSON.parse(strFromU8(files['evidence.json'] as Uint8Array)) as {
        keyUrl: string;
        machineTranslations: { seq: number; lang: string; text: string }[];
      };
      expect(evidence.keyUrl).toBe(`${publicUrl}${SERVER_KEY_PATH}`);
      expect(evidence.machineTranslations).toEqual([
        { seq: 1, lang: 'zh', text: '批次TW-77有IP65证书吗？' },
        { seq: 2, lang: 'pl', text: 'Tak, certyfikat wyślemy Panu jutro.' },
      ]);
      expect(strFromU8(files['report.html'] as Uint8Array)).toContain('Tak, certyfikat wyślemy Panu jutro.');

      const verified = await runAsync(join(root, 'scripts/verify.mjs'), [file, '--key-url', evidence.keyUrl]);
      expect(verified.stderr).toBe('');
      expect(verified.stdout).toMatch(/^OK — 2 messages, 0 attachments, signed by key [0-9a-f]{16}\n/);
      expect(verified.stdout).toContain('note: 2 machine translation(s) for the reader are included');
      expect(verified.status).toBe(0);
    },
    SLOW,
  );

  it(
    'without a public URL name no key URL (never a relative one) and say so',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'tw-operator-'));
      const exported = await runCli(
        ['evidence', 'export', '--conversation', conversationId, '--out', out, '--no-translations'],
        { TRADEWIND_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', TRADEWIND_PUBLIC_URL: '' },
      );
      expect(exported.code).toBe(0);
      expect(exported.stderr).toContain('no public URL (TRADEWIND_PUBLIC_URL or --base-url)');
      const file = (JSON.parse(exported.stdout) as { file: string }).file;
      const evidence = JSON.parse(
        strFromU8(unzipSync(readFileSync(file))['evidence.json'] as Uint8Array),
      ) as {
        keyUrl: string | null;
        machineTranslations: unknown[];
      };
      expect(evidence.keyUrl).toBeNull();
      expect(evidence.machineTranslations).toEqual([]);
      const verified = await runAsync(join(root, 'scripts/verify.mjs'), [file, '--key', keyHex]);
      expect(verified.status).toBe(0);
    },
    SLOW,
  );
});
