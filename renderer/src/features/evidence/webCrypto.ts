/**
 * Native crypto for the export's self-check: SHA-256 and Ed25519 through WebCrypto
 * (`crypto.subtle`), which Chromium ≥ 137, Electron 39 and Node 20 provide, instead of the
 * pure-JS defaults of the shared verifier (~3 ms per Ed25519 check: 10,000 messages cost ~30 s).
 *
 * The shared verifier (shared/evidence/verify.ts) is synchronous and takes its SHA-256 and
 * Ed25519 functions as options; WebCrypto is asynchronous. So the work is done ahead, in
 * parallel, and the verifier is handed synchronous look-ups:
 * - SHA-256: every file of the bundle is digested first; the verifier's `sha256` answers from that
 *   table (by file, for each array the files hand out: {@link digestFilesAhead}), and hashes
 *   anything else with the pure-JS default.
 * - Ed25519: the verifier runs once with a recording `verifyEd25519` that answers "valid"; the
 *   recorded checks then run in batches through WebCrypto. If every one is valid, that run's result
 *   is exactly what a run with real answers gives (same calls, same answers). If any is not, the
 *   verifier runs again with the real answers, so its problems name the right messages. Which
 *   checks to make stays the verifier's business (e.g. one key per message after key rotation).
 * Where WebCrypto has no Ed25519 (older Chromium), or its answer to a known-answer test is wrong,
 * the pure-JS verifier (@noble/curves) checks the signatures instead.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, sha256Hex } from '../../../../shared/evidence/chain';
import { verifyBundle, verifyZip } from '../../../../shared/evidence/verify';
import type { VerifyOptions, VerifyResult } from '../../../../shared/evidence/verify';
import { readZip } from '../../../../shared/evidence/zipRead';

/** The part of `SubtleCrypto` this module uses (injectable for tests). */
export type Subtle = Pick<SubtleCrypto, 'digest' | 'importKey' | 'verify'>;

/** The runtime's WebCrypto, when it has one (workers and secure pages do; the renderer is one). */
export function defaultSubtle(): Subtle | null {
  return (globalThis as { crypto?: Crypto }).crypto?.subtle ?? null;
}

type EdCheck = [signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array];

/** How many WebCrypto operations are in flight at once: enough to fill the pool, bounded memory (digest copies its input). */
const DIGEST_PARALLEL = 4;
const VERIFY_BATCH = 512;

const asBuffer = (b: Uint8Array): Uint8Array<ArrayBuffer> => b as Uint8Array<ArrayBuffer>;

/**
 * SHA-256 of each array through WebCrypto, `parallel` at a time. Returns a synchronous hex
 * function that answers from the table for these very arrays and hashes anything else in pure JS.
 */
export async function digestAhead(
  arrays: Iterable<Uint8Array>,
  subtle: Subtle | null = defaultSubtle(),
  parallel = DIGEST_PARALLEL,
): Promise<(bytes: Uint8Array) => string> {
  const table = new WeakMap<Uint8Array, string>();
  if (subtle) {
    const queue = [...arrays];
    const lane = async (): Promise<void> => {
      for (let b = queue.shift(); b !== undefined; b = queue.shift()) {
        try {
          table.set(b, bytesToHex(new Uint8Array(await subtle.digest('SHA-256', asBuffer(b)))));
        } catch {
          // No SHA-256 in this WebCrypto (never seen): the pure-JS hash answers for this array.
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  }
  return (bytes) => table.get(bytes) ?? sha256Hex(bytes);
}

/** SHA-256 hex of one array through WebCrypto (pure JS where this WebCrypto has no SHA-256). */
export async function digestHex(bytes: Uint8Array, subtle: Subtle): Promise<string> {
  try {
    return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', asBuffer(bytes))));
  } catch {
    return sha256Hex(bytes);
  }
}

/**
 * A bundle's files with each one's SHA-256 taken ahead through WebCrypto, `parallel` at a time,
 * by name (those in `given` not again: digests the caller already has of exactly these files):
 * a zip read from a source hands out a fresh array on every `get` (a view, or a read of the file),
 * so the digests are kept by name and the wrapped files give every array they hand
 * out its file's digest. The returned `sha256` answers for those arrays and hashes anything else
 * in pure JS. Sound for a source that does not change while it is checked (the export's own zip).
 */
export async function digestFilesAhead(
  files: ReadonlyMap<string, Uint8Array>,
  subtle: Subtle | null = defaultSubtle(),
  parallel = DIGEST_PARALLEL,
  given: ReadonlyMap<string, string> = new Map(),
): Promise<{ files: ReadonlyMap<string, Uint8Array>; sha256: (bytes: Uint8Array) => string }> {
  const byName = new Map<string, string>(given);
  if (subtle) {
    const queue = [...files.keys()].filter((name) => !given.has(name));
    const lane = async (): Promise<void> => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const bytes = files.get(name);
        if (!bytes) continue;
        try {
          byName.set(name, bytesToHex(new Uint8Array(await subtle.digest('SHA-256', asBuffer(bytes)))));
        } catch {
          // No SHA-256 in this WebCrypto (never seen): the pure-JS hash answers for this file.
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  }
  const table = new WeakMap<Uint8Array, string>();
  const known = (name: string, bytes: Uint8Array | undefined): Uint8Array | undefined => {
    const hex = byName.get(name);
    if (bytes && hex !== undefined) table.set(bytes, hex);
    return bytes;
  };
  return { files: new DigestedFiles(files, known), sha256: (bytes) => table.get(bytes) ?? sha256Hex(bytes) };
}

/** Files that note, for every array they hand out, which file it is (see {@link digestFilesAhead}). */
class DigestedFiles implements ReadonlyMap<string, Uint8Array> {
  constructor(
    private readonly files: ReadonlyMap<string, Uint8Array>,
    private readonly known: (name: string, bytes: Uint8Array | undefined) => Uint8Array | undefined,
  ) {}
  get size(): number {
    return this.files.size;
  }
  get(name: string): Uint8Array | undefined {
    return this.known(name, this.files.get(name));
  }
  has(name: string): boolean {
    return this.files.has(name);
  }
  keys(): MapIterator<string> {
    return this.files.keys();
  }
  *values(): MapIterator<Uint8Array> {
    for (const [, v] of this.entries()) yield v;
  }
  *entries(): MapIterator<[string, Uint8Array]> {
    for (const [k, v] of this.files) yield [k, this.known(k, v) as Uint8Array];
  }
  [Symbol.iterator](): MapIterator<[string, Uint8Array]> {
    return this.entries();
  }
  forEach(cb: (value: Uint8Array, key: string, map: ReadonlyMap<string, Uint8Array>) => void): void {
    for (const [k, v] of this.entries()) cb(v, k, this);
  }
}

/** RFC 8032 § 7.1, test 1 (empty message): the known answer WebCrypto must give before we rely on it. */
const KAT = {
  publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  signature:
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};

/** Verifies Ed25519 signatures in batches; `null` from {@link webCryptoEd25519} when WebCrypto cannot. */
export type BatchVerifier = (checks: readonly EdCheck[]) => Promise<boolean[]>;

const pureVerify = ([sig, msg, pub]: EdCheck): boolean => {
  try {
    return ed25519.verify(sig, msg, pub);
  } catch {
    return false;
  }
};

/**
 * A batch Ed25519 verifier over WebCrypto, or `null` when this WebCrypto has no Ed25519 or fails
 * the known-answer test. A check WebCrypto refuses to run (e.g. a public key it cannot import) is
 * decided by the pure-JS verifier, so both paths agree on hostile input.
 */
export async function webCryptoEd25519(
  subtle: Subtle | null = defaultSubtle(),
): Promise<BatchVerifier | null> {
  if (!subtle) return null;
  const keys = new Map<string, Promise<CryptoKey>>();
  const keyFor = (pub: Uint8Array): Promise<CryptoKey> => {
    const hex = bytesToHex(pub);
    let k = keys.get(hex);
    if (!k) {
      k = subtle.importKey('raw', asBuffer(pub), { name: 'Ed25519' }, false, ['verify']);
      keys.set(hex, k);
    }
    return k;
  };
  const one = async (c: EdCheck): Promise<boolean> => {
    try {
      return await subtle.verify({ name: 'Ed25519' }, await keyFor(c[2]), asBuffer(c[0]), asBuffer(c[1]));
    } catch {
      return pureVerify(c);
    }
  };
  try {
    const good = await subtle.verify(
      { name: 'Ed25519' },
      await keyFor(hexToBytes(KAT.publicKey)),
      asBuffer(hexToBytes(KAT.signature)),
      new Uint8Array(0),
    );
    const forged = hexToBytes(KAT.signature);
    forged[0] = (forged[0] as number) ^ 1;
    const bad = await subtle.verify(
      { name: 'Ed25519' },
      await keyFor(hexToBytes(KAT.publicKey)),
      asBuffer(forged),
      new Uint8Array(0),
    );
    if (!good || bad) return null;
  } catch {
    return null; // NotSupportedError: no Ed25519 in this WebCrypto.
  }
  return async (checks) => {
    const out: boolean[] = [];
    for (let i = 0; i < checks.length; i += VERIFY_BATCH) {
      out.push(...(await Promise.all(checks.slice(i, i + VERIFY_BATCH).map(one))));
    }
    return out;
  };
}

/** Which crypto a self-check used, for the bench and the logs. */
export type CryptoPath = 'webcrypto' | 'pure-js';

export interface SelfVerifyResult {
  result: VerifyResult;
  ed25519: CryptoPath;
  /** Signatures checked. */
  signatures: number;
}

/**
 * Verifies a zipped bundle like `verifyZip`, with WebCrypto doing the hashing and the signature
 * checks (see the module comment). The result is the shared verifier's, problem for problem.
 */
export async function selfVerifyZip(
  zip: Uint8Array,
  opts: Pick<VerifyOptions, 'expectedKey' | 'maxPerCode'> = {},
  subtle: Subtle | null = defaultSubtle(),
): Promise<SelfVerifyResult> {
  const read = readZip(zip);
  // A refused zip: the shared verifier reports why, with the same code.
  if (!read.ok) return { result: verifyZip(zip, opts), ed25519: 'pure-js', signatures: 0 };
  const out = await selfVerifyFiles(read.files, opts, subtle);
  return { ...out, result: { ...out.result, zip: read.account } };
}

/**
 * Verifies a bundle's files like `verifyBundle`, with WebCrypto doing the hashing and the
 * signature checks (see the module comment). The result is the shared verifier's, problem for
 * problem. `given`: SHA-256 digests by file name the caller vouches for (the export's own, taken
 * of the bytes it wrote, for files that read back with the same CRC-32): not computed again.
 */
export async function selfVerifyFiles(
  bundleFiles: ReadonlyMap<string, Uint8Array>,
  opts: Pick<VerifyOptions, 'expectedKey' | 'maxPerCode'> = {},
  subtle: Subtle | null = defaultSubtle(),
  given?: ReadonlyMap<string, string>,
): Promise<SelfVerifyResult> {
  const { files, sha256 } = await digestFilesAhead(bundleFiles, subtle, DIGEST_PARALLEL, given);
  const batch = await webCryptoEd25519(subtle);
  if (!batch) {
    let signatures = 0;
    const counted = (s: Uint8Array, m: Uint8Array, p: Uint8Array): boolean => {
      signatures++;
      return ed25519.verify(s, m, p);
    };
    return {
      result: verifyBundle(files, { ...opts, sha256, verifyEd25519: counted }),
      ed25519: 'pure-js',
      signatures,
    };
  }
  const checks: EdCheck[] = [];
  const optimistic = verifyBundle(files, {
    ...opts,
    sha256,
    verifyEd25519: (s, m, p) => {
      checks.push([s, m, p]);
      return true;
    },
  });
  const answers = await batch(checks);
  if (answers.every(Boolean)) return { result: optimistic, ed25519: 'webcrypto', signatures: checks.length };
  const key = ([s, m, p]: EdCheck): string => `${bytesToHex(s)}:${bytesToHex(m)}:${bytesToHex(p)}`;
  const known = new Map(checks.map((c, i) => [key(c), answers[i] as boolean]));
  const exact = verifyBundle(files, {
    ...opts,
    sha256,
    verifyEd25519: (s, m, p) => known.get(key([s, m, p])) ?? pureVerify([s, m, p]),
  });
  return { result: exact, ed25519: 'webcrypto', signatures: checks.length };
}
