#!/usr/bin/env node
// tradewind-verify: checks a Tradewind evidence bundle (docs/evidence.md).
//
//   npx tradewind-verify <bundle.tradewind-evidence.zip> [--key <hex> | --key-url <url>] [--json]
//   npm run verify -- <bundle.zip> …
//
// With a pinned key (--key, or --key-url: the server's well-known document, whose current and
// retired keys are all trusted), prints "OK — N messages, M attachments, signed by key <id>" and
// exits 0. Without one it prints "OK (key not pinned: <id> <public key>) — …" on the first line:
// the bundle is internally consistent, but nothing confirmed whose key signed it; the next lines
// say how to pin. It still exits 0 (docs/evidence.md § Producing bundles). A bundle with a
// report.pdf says on that first line that the PDF is not verified. Any problem: every
// problem with where it is, exit 1. Usage errors or an unreadable file: exit 2.
//
// How it runs with plain `node`: the verifier is TypeScript in shared/evidence/. It is bundled
// with esbuild into scripts/verify.bundle.mjs (committed; `node scripts/build-verify.mjs`), a
// dependency-free ES module, so this script needs neither tsx nor node_modules. When the
// TypeScript sources are present and differ from what the bundle was built from (a developer
// changed them and did not rebuild), it loads the sources through tsx instead, so it never runs
// stale verification code. Native node:crypto does the hashing and Ed25519 checks (fast); the
// results are the same as the pure implementation's.
import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function usage(msg) {
  if (msg) process.stderr.write(`tradewind-verify: ${msg}\n`);
  process.stderr.write(
    'usage: tradewind-verify <bundle.zip> [--key <64 hex digits> | --key-url <url>] [--json]\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const o = { file: null, key: null, keyUrl: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--key') o.key = argv[++i] ?? usage('--key needs a value');
    else if (a === '--key-url') o.keyUrl = argv[++i] ?? usage('--key-url needs a value');
    else if (a === '--json') o.json = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (o.file) usage('one bundle at a time');
    else o.file = a;
  }
  if (!o.file) usage('which bundle?');
  if (o.key && o.keyUrl) usage('--key or --key-url, not both');
  if (o.key && !/^[0-9a-fA-F]{64}$/.test(o.key))
    usage('--key is the 32-byte Ed25519 public key as 64 hex digits');
  return o;
}

function sourcesDigest(paths) {
  const h = createHash('sha256');
  for (const p of [...paths].sort())
    h.update(`${p}\n`)
      .update(readFileSync(join(root, p)))
      .update('\n');
  return h.digest('hex');
}

/** The bundled verifier, unless its sources changed since it was built. */
async function loadVerifier() {
  const bundle = join(here, 'verify.bundle.mjs');
  if (existsSync(bundle)) {
    const mod = await import(pathToFileURL(bundle).href);
    const haveSources = mod.SOURCES.every((p) => existsSync(join(root, p)));
    if (!haveSources || sourcesDigest(mod.SOURCES) === mod.SOURCES_DIGEST) return mod;
    process.stderr.write(
      'tradewind-verify: the verifier sources changed since scripts/verify.bundle.mjs was built; using the sources (rebuild: node scripts/build-verify.mjs)\n',
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, 'shared/evidence/verify.ts')).href);
}

/**
 * Trusted keys from a URL: the server's /.well-known/tradewind/server-key.json (every key in
 * `keys`, current and retired, else its `publicKey`) or bare hex.
 */
async function fetchKeys(url) {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const text = (await res.text()).trim();
  let keys = [text];
  try {
    const doc = JSON.parse(text);
    keys = Array.isArray(doc?.keys) ? doc.keys.map((k) => k?.publicKey) : [doc?.publicKey];
  } catch {
    /* bare hex */
  }
  if (keys.length === 0 || keys.some((k) => typeof k !== 'string' || !/^[0-9a-fA-F]{64}$/.test(k)))
    throw new Error(`${url} does not hold Ed25519 public keys`);
  return keys.map((k) => k.toLowerCase());
}

const keyObjects = new Map();
function nativeEd25519(signature, message, publicKey) {
  const hex = Buffer.from(publicKey).toString('hex');
  let k = keyObjects.get(hex);
  if (!k) {
    k = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk',
    });
    keyObjects.set(hex, k);
  }
  return cryptoVerify(null, message, k, signature);
}
const nativeSha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * The bundle as a zip source (shared/evidence/zipRead.ts): positioned reads of the file, so the
 * verifier never holds the whole zip — photos are read (1 MiB at a time for their CRC) when they
 * are checked.
 */
function fileSource(fd) {
  const length = fstatSync(fd).size;
  return {
    length,
    read(start, end, scratch) {
      const out = scratch ? scratch.subarray(0, end - start) : new Uint8Array(end - start);
      for (let done = 0; done < out.length;) {
        const n = readSync(fd, out, done, out.length - done, start + done);
        if (n === 0) throw new Error('the file became shorter while it was read');
        done += n;
      }
      return out;
    },
  };
}

const opts = parseArgs(process.argv.slice(2));
let zip;
try {
  zip = fileSource(openSync(opts.file, 'r'));
} catch (err) {
  usage(`cannot read ${opts.file}: ${err.code ?? err.message}`);
}
let expectedKey;
try {
  expectedKey = opts.key ? opts.key.toLowerCase() : opts.keyUrl ? await fetchKeys(opts.keyUrl) : undefined;
} catch (err) {
  process.stderr.write(`tradewind-verify: cannot get the trusted key: ${err.message}\n`);
  process.exit(2);
}

const { verifyZip, formatProblem } = await loadVerifier();
const result = verifyZip(zip, {
  expectedKey,
  sha256: nativeSha256,
  verifyEd25519: nativeEd25519,
});

if (opts.json) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else if (result.ok) {
  const s = result.summary;
  const att =
    s.attachmentsIncluded === s.attachments
      ? `${s.attachments}`
      : `${s.attachments} (${s.attachmentsIncluded} included)`;
  const older = (s.keys ?? []).map((k) => k.keyId).filter((id) => id !== s.keyId);
  const olderText = older.length > 0 ? ` (older messages by key ${older.join(', ')})` : '';
  // report.pdf is never verified (nothing signed covers it): said on the first line, where a
  // reader who stops there sees it.
  const pdfText = (result.warnings ?? []).some((w) => w.code === 'report_pdf_unverified')
    ? ' — report.pdf NOT verified (report.html is the verified report)'
    : '';
  if (s.keyPinned) {
    process.stdout.write(
      `OK — ${s.messages} messages, ${att} attachments, signed by key ${s.keyId}${olderText}${pdfText}\n`,
    );
  } else {
    process.stdout.write(
      `OK (key not pinned: ${s.keyId} ${s.publicKey}) — ${s.messages} messages, ${att} attachments${olderText}${pdfText}\n`,
    );
    process.stdout.write(
      "The bundle is internally consistent, but nothing has confirmed that this key is the Tradewind server's: anyone can sign a consistent bundle with a key of their own.\n",
    );
    process.stdout.write(
      `Pin it: tradewind-verify ${opts.file} --key <the server's 64-hex public key>${s.keyUrl && /^https?:/.test(s.keyUrl) ? `, or --key-url ${s.keyUrl} (if that is the operator's address)` : ''}\n`,
    );
  }
  for (const w of result.warnings ?? []) process.stdout.write(`warning: ${w.message} [${w.code}]\n`);
  for (const n of result.notes) process.stdout.write(`note: ${n}\n`);
} else {
  const n = result.problems.length;
  process.stdout.write(`FAILED — ${n} problem${n === 1 ? '' : 's'} in ${opts.file}:\n`);
  for (const p of result.problems) process.stdout.write(`  ✗ ${formatProblem(p)}\n`);
}
process.exit(result.ok ? 0 : 1);
