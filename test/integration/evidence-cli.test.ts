/**
 * `tradewind-verify` as users run it: plain `node scripts/verify.mjs`, also copied on its own to
 * a directory without node_modules or sources (the bundled verifier), on good and tampered zips.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createAttestation, selectMessages } from '../../shared/evidence/attestation';
import { buildBundle } from '../../shared/evidence/bundle';
import { bytesToHex } from '../../shared/evidence/chain';
import type { Scope } from '../../shared/evidence/format';
import { sampleDispute } from '../../shared/evidence/testkit';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tw-verify-'));

function bundleZip(): { path: string; publicKey: string } {
  const c = sampleDispute();
  const scope: Scope = { kind: 'whole' };
  const attestation = createAttestation({
    conversationId: c.conversationId,
    participants: c.participants,
    scope,
    messages: selectMessages(c.messages, scope),
    issuedAt: '2025-05-20T09:29:59.000Z',
    publicKey: c.publicKey,
    secretKey: c.secretKey,
  });
  const b = buildBundle({
    messages: c.messages,
    attachmentBytes: (s) => c.attachments.get(s),
    attestation,
    serverPublicKey: c.publicKey,
    scope,
    options: { translations: true, attachments: true },
    exportedAt: '2025-05-20T09:30:00.000Z',
    exportedBy: 'anna.kowalska',
    partner: 'shenzhen-led',
  });
  const path = join(dir, b.fileName);
  writeFileSync(path, b.zip);
  return { path, publicKey: bytesToHex(c.publicKey) };
}

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

describe('tradewind-verify', () => {
  const { path, publicKey } = bundleZip();

  it('prints OK and exits 0 for an intact bundle, with the key pinned', () => {
    const r = run(join(root, 'scripts/verify.mjs'), [path, '--key', publicKey]);
    expect(r.stdout).toMatch(/^OK — 5 messages, 1 attachments, signed by key [0-9a-f]{16}\n$/);
    expect(r.status).toBe(0);
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
