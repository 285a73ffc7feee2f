/**
 * The evidence verifier (docs/evidence.md § Verification). Pure: it takes the bundle's files and
 * returns every problem it finds with where it is, never throwing on hostile input.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { strFromU8 } from 'fflate';
import type * as z from 'zod/mini';
import { changeFaults } from './changes';
import { replyFaults } from './replies';
import { inScope, messagesDigest, scopeSubject, seqRanges, statementBytes } from './attestation';
import { bytesToHex, canonicalJson, chainHash, genesisHash, hexToBytes, sha256Hex } from './chain';
import { attachmentPath } from './bundle';
import { verifyMessageSignature } from './batch';
import {
  ATTACHMENTS_DIR,
  ATTESTATION_VERSION_V1,
  AnyAttestation,
  AnyEvidenceJson,
  AnyServerKey,
  EVIDENCE_FORMAT_V1,
  EVIDENCE_FORMAT_V3,
  FILES,
  Manifest,
  SERVER_KEY_FORMAT_V1,
} from './format';
import type { EvidenceJson, EvidenceMessage, EvidenceMessageV1 } from './format';
import { keyIdOf } from './keys';
import { compareReport, firstDifference, renderReportParts, renderVerifyTxt, reportRulesOf } from './report';
import { SNIFF_WINDOW, sniffHead } from './sniff';
import { readZip, type ZipAccount, type ZipSource } from './zipRead';

export const PROBLEM_CODES = [
  'zip_invalid',
  'zip_unsupported',
  'zip_duplicate_name',
  'zip_unsafe_name',
  'zip_too_many_entries',
  'zip_entry_too_large',
  'zip_too_large',
  'zip_ratio',
  'zip_size_mismatch',
  'zip_crc',
  'manifest_missing',
  'manifest_invalid',
  'file_missing',
  'file_unlisted',
  'file_unexpected',
  'file_hash_mismatch',
  'evidence_missing',
  'evidence_invalid',
  'key_missing',
  'key_invalid',
  'key_mismatch',
  'format_mixed',
  'attestation_missing',
  'attestation_invalid',
  'attestation_signature',
  'attestation_key',
  'attestation_conversation',
  'attestation_participants',
  'attestation_scope',
  'attestation_coverage',
  'message_conversation',
  'message_order',
  'message_hash',
  'message_signature',
  'message_key',
  'message_sender',
  'message_out_of_scope',
  'change_target',
  'change_content',
  'reply_target',
  'chain_genesis',
  'chain_break',
  'attachment_missing',
  'attachment_unreferenced',
  'attachment_metadata',
  'attachment_path',
  'attachment_hash',
  'attachment_size',
  'translation_orphan',
  'report_mismatch',
  'verify_txt_mismatch',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface Problem {
  code: ProblemCode;
  where: { file?: string; seq?: number; attachment?: string };
  message: string;
}

/** Things a reader should know that do not make the bundle fail. */
export const WARNING_CODES = ['report_local_time', 'report_pdf_unverified'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];
export interface Warning {
  code: WarningCode;
  where: { file?: string };
  message: string;
}

export interface VerifySummary {
  conversationId: string;
  messages: number;
  attachments: number;
  attachmentsIncluded: number;
  firstSeq: number;
  lastSeq: number;
  /** The key that signed the attestation (the server's key at export time). */
  keyId: string;
  /** Its public key, hex ('' when it could not be determined). */
  publicKey: string;
  /** Every key in server-key.json (version 1: one), sorted by key id. */
  keys: { keyId: string; publicKey: string }[];
  /** evidence.json's version: 1, 2 or 3 (docs/evidence.md § Versions). */
  formatVersion: number;
  /** Where the bundle says the server publishes its keys (evidence.json `keyUrl`). */
  keyUrl: string | null;
  scope: EvidenceJson['scope'];
  /** Whether the key was compared with one the caller trusts (`expectedKey`). */
  keyPinned: boolean;
}

export interface VerifyResult {
  ok: boolean;
  problems: Problem[];
  /** Facts worth telling that are not problems (e.g. attachments left out by choice). */
  notes: string[];
  /** Differences that do not make the bundle fail (e.g. local times under other time-zone rules). */
  warnings: Warning[];
  /** What the bundle claims, once it could be read. */
  summary: VerifySummary | null;
  /** What reading the zip cost, in the zip reader's own accounting (`verifyZip` only). */
  zip?: ZipAccount;
}

export interface VerifyOptions {
  /**
   * The server public key(s) the caller trusts, hex (64 digits) or raw bytes. The attestation key
   * must be one of them (docs/evidence.md § Trust model); e.g. every key the server's well-known
   * document lists, current and retired.
   */
  expectedKey?: string | Uint8Array | readonly (string | Uint8Array)[];
  /** SHA-256 hex; inject a native implementation for speed. */
  sha256?: (bytes: Uint8Array) => string;
  /** Ed25519 verification; inject a native implementation for speed. */
  verifyEd25519?: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;
  /** Stop listing problems of one kind after this many (default 20 per code). */
  maxPerCode?: number;
}

const MAX_PROBLEMS_DEFAULT = 20;
/** At most this many bytes of attachment heads are kept for the report's rendering (~256 photos). */
const SEEN_HEADS_BUDGET = 16 * 1024 * 1024;

/**
 * The files of a bundle's zip, read as hostile input (zipRead.ts); throws with the reason when the
 * archive is refused.
 */
export function unzipBundle(zip: Uint8Array): Map<string, Uint8Array> {
  const r = readZip(zip);
  if (!r.ok) throw new Error(`${r.message} [${r.code}]`);
  return new Map(r.files);
}

/**
 * Verifies a zipped bundle. The zip is read within a fixed memory budget and refused, with the
 * reason's code, when it is not one archive that every reader sees the same way (zipRead.ts).
 */
export function verifyZip(zip: Uint8Array | ZipSource, opts: VerifyOptions = {}): VerifyResult {
  const r = readZip(zip);
  if (!r.ok) {
    return {
      ok: false,
      problems: [{ code: r.code, where: r.entry === null ? {} : { file: r.entry }, message: r.message }],
      notes: [],
      warnings: [],
      summary: null,
      zip: r.account,
    };
  }
  return { ...verifyBundle(r.files, opts), zip: r.account };
}

function parseJsonFile<T extends z.ZodMiniType>(
  files: ReadonlyMap<string, Uint8Array>,
  name: string,
  schema: T,
): { ok: true; value: z.infer<T> } | { ok: false; missing: boolean; message: string } {
  const bytes = files.get(name);
  if (!bytes) return { ok: false, missing: true, message: `${name} is missing.` };
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(bytes));
  } catch {
    return { ok: false, missing: false, message: `${name} is not valid JSON.` };
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue ? issue.path.join('.') : '';
    return {
      ok: false,
      missing: false,
      message: `${name} does not follow the format${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}.`,
    };
  }
  return { ok: true, value: r.data };
}

const short = (h: string): string => `${h.slice(0, 12)}…`;

/** Verifies a bundle's files. Never throws. */
export function verifyBundle(files: ReadonlyMap<string, Uint8Array>, opts: VerifyOptions = {}): VerifyResult {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const warnings: Warning[] = [];
  const missingListed = new Set<string>();
  const perCode = new Map<ProblemCode, number>();
  const maxPerCode = opts.maxPerCode ?? MAX_PROBLEMS_DEFAULT;
  const problem = (code: ProblemCode, where: Problem['where'], message: string): void => {
    const n = (perCode.get(code) ?? 0) + 1;
    perCode.set(code, n);
    if (n <= maxPerCode) problems.push({ code, where, message });
    else if (n === maxPerCode + 1)
      problems.push({ code, where: {}, message: `More problems of this kind (${code}) are not listed.` });
  };
  const hashCache = new Map<string, string>();
  // An attachment file read once: its size and first bytes kept (within a fixed budget), so the
  // attachment checks and the report's rendering, which only sniffs its type, do not read it
  // again (from a file, every `get` is a read of the whole file).
  const seenFiles = new Map<string, { size: number; head: Uint8Array }>();
  let headBytes = 0;
  const seen = (path: string, bytes: Uint8Array): void => {
    if (!path.startsWith(ATTACHMENTS_DIR) || seenFiles.has(path)) return;
    if (headBytes + SNIFF_WINDOW + 1 > SEEN_HEADS_BUDGET) return;
    const head = sniffHead(bytes);
    headBytes += head.length;
    seenFiles.set(path, { size: bytes.length, head });
  };
  const hashOf = (path: string, bytes: Uint8Array): string => {
    let h = hashCache.get(path);
    if (h === undefined) {
      h = opts.sha256 ? opts.sha256(bytes) : sha256Hex(bytes);
      hashCache.set(path, h);
    }
    return h;
  };
  const edVerify = (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean => {
    try {
      return opts.verifyEd25519 ? opts.verifyEd25519(sig, msg, pub) : ed25519.verify(sig, msg, pub);
    } catch {
      return false;
    }
  };
  // The messages of one group commit share one signature over one root: checked once per batch,
  // as it was made once (docs/evidence.md § Batch signatures). Keyed by every input of the check.
  const batchChecks = new Map<string, boolean>();
  const batchVerify = (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean => {
    const k = `${bytesToHex(sig)}:${bytesToHex(msg)}:${bytesToHex(pub)}`;
    let ok = batchChecks.get(k);
    if (ok === undefined) {
      ok = edVerify(sig, msg, pub);
      batchChecks.set(k, ok);
    }
    return ok;
  };

  // 1. Manifest: every file listed with its size and SHA-256, nothing unlisted.
  const manifest = parseJsonFile(files, FILES.manifest, Manifest);
  if (!manifest.ok) {
    problem(
      manifest.missing ? 'manifest_missing' : 'manifest_invalid',
      { file: FILES.manifest },
      manifest.message,
    );
  } else {
    const listed = new Set<string>();
    for (const entry of manifest.value.files) {
      if (listed.has(entry.path) || entry.path === FILES.manifest) {
        problem(
          'manifest_invalid',
          { file: entry.path },
          `manifest.json lists ${entry.path} ${entry.path === FILES.manifest ? 'itself' : 'twice'}.`,
        );
        continue;
      }
      listed.add(entry.path);
      const bytes = files.get(entry.path);
      if (bytes) seen(entry.path, bytes);
      if (!bytes) {
        missingListed.add(entry.path);
        problem(
          'file_missing',
          { file: entry.path },
          `${entry.path} is listed in manifest.json but missing from the bundle.`,
        );
      } else if (bytes.length !== entry.size || hashOf(entry.path, bytes) !== entry.sha256) {
        problem(
          'file_hash_mismatch',
          { file: entry.path },
          `${entry.path} has changed: its SHA-256 is ${hashOf(entry.path, bytes)}, manifest.json says ${entry.sha256}.`,
        );
      }
    }
    for (const path of files.keys()) {
      if (path !== FILES.manifest && !listed.has(path)) {
        problem('file_unlisted', { file: path }, `${path} is in the bundle but not listed in manifest.json.`);
      }
    }
  }

  // 2. The server keys (server-key.json: one key in version 1, every key used in version 2).
  const keys = new Map<string, Uint8Array>();
  let keyFormat: 1 | 2 | null = null;
  const key = parseJsonFile(files, FILES.serverKey, AnyServerKey);
  if (!key.ok) {
    problem(key.missing ? 'key_missing' : 'key_invalid', { file: FILES.serverKey }, key.message);
  } else {
    const entries = key.value.format === SERVER_KEY_FORMAT_V1 ? [key.value] : key.value.keys;
    keyFormat = key.value.format === SERVER_KEY_FORMAT_V1 ? 1 : 2;
    if (entries.length === 0)
      problem('key_invalid', { file: FILES.serverKey }, 'server-key.json lists no key.');
    for (const k of entries) {
      const pk = hexToBytes(k.publicKey);
      const id = keyIdOf(pk);
      if (k.keyId !== id) {
        problem(
          'key_invalid',
          { file: FILES.serverKey },
          `server-key.json names the key ${k.keyId} but the key's id is ${id}.`,
        );
      } else if (keys.has(id)) {
        problem('key_invalid', { file: FILES.serverKey }, `server-key.json lists key ${id} twice.`);
      }
      keys.set(id, pk);
    }
  }

  // 3. evidence.json and attestation.json, the attestation key and its signature.
  const ev = parseJsonFile(files, FILES.evidence, AnyEvidenceJson);
  if (!ev.ok)
    problem(ev.missing ? 'evidence_missing' : 'evidence_invalid', { file: FILES.evidence }, ev.message);
  const att = parseJsonFile(files, FILES.attestation, AnyAttestation);
  if (!att.ok)
    problem(
      att.missing ? 'attestation_missing' : 'attestation_invalid',
      { file: FILES.attestation },
      att.message,
    );
  // Version 3 is evidence.json's alone (batch proofs): its attestation and key file are version 2's.
  const versions = [
    ev.ok ? (ev.value.format === EVIDENCE_FORMAT_V1 ? 1 : 2) : null,
    att.ok ? (att.value.statement.v === ATTESTATION_VERSION_V1 ? 1 : 2) : null,
    keyFormat,
  ].filter((v) => v !== null);
  if (new Set(versions).size > 1) {
    problem(
      'format_mixed',
      {},
      'evidence.json, attestation.json and server-key.json are not all of the same format version.',
    );
  }

  // The attestation key: the one the statement names (version 1: the bundle's only key).
  let keyId = '';
  let publicKey: Uint8Array | null = null;
  if (att.ok && key.ok) {
    const st = att.value.statement;
    keyId = st.keyId;
    publicKey = keys.get(st.keyId) ?? null;
    if (!publicKey) {
      problem(
        'attestation_key',
        { file: FILES.attestation },
        `The attestation names key ${st.keyId}; server-key.json does not list it (it lists ${[...keys.keys()].join(', ') || 'none'}).`,
      );
    } else if (!edVerify(hexToBytes(att.value.signature), statementBytes(st), publicKey)) {
      problem(
        'attestation_signature',
        { file: FILES.attestation },
        `The attestation's signature does not verify with the server key ${keyId}.`,
      );
    }
  } else if (key.ok && keys.size === 1) {
    [[keyId, publicKey]] = [...keys.entries()] as [[string, Uint8Array]];
  }

  // Pinning: the caller's trusted key(s) must include the attestation key. The attestation,
  // signed by it, names every other key that signed a covered message (version 2).
  let keyPinned = false;
  if (opts.expectedKey !== undefined) {
    keyPinned = true;
    const list = Array.isArray(opts.expectedKey) ? opts.expectedKey : [opts.expectedKey];
    const trusted = new Set(
      list.map((k: string | Uint8Array) => (typeof k === 'string' ? k.trim().toLowerCase() : bytesToHex(k))),
    );
    // Without a usable attestation key, every key of the bundle must be trusted.
    const mustTrust: [string, Uint8Array][] = publicKey ? [[keyId, publicKey]] : [...keys.entries()];
    for (const [id, pk] of mustTrust) {
      if (!trusted.has(bytesToHex(pk))) {
        problem(
          'key_mismatch',
          { file: FILES.serverKey },
          `The bundle is signed by key ${id} (${bytesToHex(pk)}), not by the expected key ${[...trusted].join(' or ')}.`,
        );
      }
    }
  }

  // Version 2: the keys the statement names for the covered messages.
  const keyOfSpan: { from: number; to: number; keyId: string }[] = [];
  if (att.ok && 'keys' in att.value.statement) {
    const st = att.value.statement;
    const af = { file: FILES.attestation };
    let covered = 0;
    for (const k of st.keys) {
      const pk = hexToBytes(k.publicKey);
      if (keyIdOf(pk) !== k.keyId) {
        problem(
          'attestation_key',
          af,
          `The attestation names key ${k.keyId} with a public key whose id is ${keyIdOf(pk)}.`,
        );
      } else if (key.ok && bytesToHex(keys.get(k.keyId) ?? new Uint8Array()) !== k.publicKey) {
        problem(
          'attestation_key',
          af,
          `The attestation names key ${k.keyId}, which server-key.json does not list with the same public key.`,
        );
      }
      for (const [from, to] of k.ranges) {
        keyOfSpan.push({ from, to, keyId: k.keyId });
        covered += to - from + 1; // arithmetic, never a loop over a hostile range
      }
    }
    keyOfSpan.sort((a, b) => a.from - b.from);
    const overlap = keyOfSpan.some(
      (s, i) => s.to < s.from || (i > 0 && s.from <= (keyOfSpan[i - 1] as { to: number }).to),
    );
    if (overlap || covered !== st.count) {
      problem(
        'attestation_coverage',
        af,
        `The attestation's key ranges cover ${covered} seqs${overlap ? ' (overlapping)' : ''}; it attests ${st.count} messages.`,
      );
    }
    const used = new Set([st.keyId, ...st.keys.map((k) => k.keyId)]);
    for (const id of keys.keys()) {
      if (!used.has(id))
        problem(
          'key_invalid',
          { file: FILES.serverKey },
          `server-key.json lists key ${id}, which signed nothing in the bundle.`,
        );
    }
  }
  /** The key the statement says signed `seq` (binary search over the sorted spans). */
  const statementKeyOf = (seq: number): string | undefined => {
    let lo = 0;
    let hi = keyOfSpan.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = keyOfSpan[mid] as { from: number; to: number; keyId: string };
      if (seq < s.from) hi = mid - 1;
      else if (seq > s.to) lo = mid + 1;
      else return s.keyId;
    }
    return undefined;
  };

  // report.html and VERIFY.txt must exist even when nothing can be rendered to compare them with.
  for (const name of [FILES.report, FILES.verifyTxt]) {
    if (!files.has(name) && !missingListed.has(name))
      problem('file_missing', { file: name }, `${name} is missing.`);
  }

  if (!ev.ok) return finish(problems, notes, warnings, null);
  const e = ev.value;

  // 4. Messages: order, conversation, hash, signature (alone or of its batch) with the key each
  // names, chain, scope.
  const participantIds = new Set(e.participants.map((p) => p.memberId));
  const bySeq = new Map<number, EvidenceMessage | EvidenceMessageV1>(e.messages.map((m) => [m.seq, m]));
  /** Seqs retracted by a message already walked. */
  const retracted = new Set<number>();
  let prev: EvidenceMessage | EvidenceMessageV1 | null = null;
  for (const m of e.messages) {
    const where = { file: FILES.evidence, seq: m.seq };
    if (prev && m.seq <= prev.seq) {
      problem(
        'message_order',
        where,
        `Message ${m.seq} comes after message ${prev.seq}: messages must be in increasing seq order without duplicates.`,
      );
    }
    if (m.conversationId !== e.conversationId) {
      problem(
        'message_conversation',
        where,
        `Message ${m.seq} belongs to conversation ${m.conversationId}, not ${e.conversationId}.`,
      );
    }
    if (!participantIds.has(m.sender)) {
      problem('message_sender', where, `Message ${m.seq} was sent by ${m.sender}, who is not a participant.`);
    }
    const recomputed = chainHash(m.prevHash, m);
    if (recomputed !== m.hash) {
      problem(
        'message_hash',
        where,
        `Message ${m.seq} has been changed: its content hashes to ${short(recomputed)}, but its recorded hash is ${short(m.hash)}.`,
      );
    }
    // Version 1 messages name no key: the bundle's one key signed them.
    const mKeyId = 'keyId' in m ? m.keyId : keyId;
    const mKey = keys.get(mKeyId);
    if (key.ok && !mKey) {
      problem(
        'message_key',
        where,
        `Message ${m.seq} names key ${mKeyId}, which server-key.json does not list.`,
      );
    } else if (mKey) {
      // Only a version 3 message may carry a batch proof (the schemas of 1 and 2 refuse one).
      const proof = 'proof' in m ? m.proof : undefined;
      if (!verifyMessageSignature(m.hash, m.signature, proof, mKey, proof ? batchVerify : edVerify))
        problem(
          'message_signature',
          where,
          proof
            ? `Message ${m.seq}'s batch signature does not verify with the server key ${mKeyId} over the root its inclusion proof leads to (leaf ${proof.index} of ${proof.size}).`
            : `Message ${m.seq}'s signature does not verify with the server key ${mKeyId}.`,
        );
    }
    if (att.ok && 'keys' in att.value.statement) {
      const attested = statementKeyOf(m.seq);
      if (attested !== undefined && attested !== mKeyId) {
        problem(
          'message_key',
          where,
          `Message ${m.seq} names key ${mKeyId}, but the attestation says key ${attested} signed it.`,
        );
      }
    }
    if (m.seq === 1 && m.prevHash !== genesisHash(e.conversationId)) {
      problem(
        'chain_genesis',
        where,
        `Message 1 does not start the conversation's chain (its previous hash is not the genesis hash).`,
      );
    }
    if (prev && m.seq === prev.seq + 1 && m.prevHash !== prev.hash) {
      problem(
        'chain_break',
        where,
        `Message ${m.seq} does not follow message ${prev.seq}: its previous hash is ${short(m.prevHash)}, message ${prev.seq}'s hash is ${short(prev.hash)}.`,
      );
    }
    if (!inScope(scopeSubject(m, e.scope, bySeq), e.scope)) {
      problem('message_out_of_scope', where, `Message ${m.seq} is outside the export's scope.`);
    }
    if (m.change) {
      const change = m.change;
      for (const f of changeFaults(
        { ...m, change },
        bySeq.get(change.seq),
        retracted,
        e.scope.kind === 'whole',
      ))
        problem(f.code, where, f.message);
      if (change.kind === 'retract') retracted.add(change.seq);
      if (!bySeq.has(change.seq) && e.scope.kind !== 'whole' && change.seq < m.seq)
        notes.push(
          `Message ${m.seq} ${change.kind === 'edit' ? 'edits' : 'retracts'} message ${change.seq}, which is outside this export's scope.`,
        );
    }
    if (m.replyTo) {
      const replyTo = m.replyTo;
      const whole = e.scope.kind === 'whole';
      for (const f of replyFaults({ seq: m.seq, replyTo }, bySeq.get(replyTo.seq), whole))
        problem(f.code, where, f.message);
      if (!bySeq.has(replyTo.seq) && !whole && replyTo.seq < m.seq)
        notes.push(
          `Message ${m.seq} replies to message ${replyTo.seq}, which is outside this export's scope.`,
        );
    }
    prev = m;
  }

  // 5. The attestation covers exactly these messages.
  if (att.ok) {
    const st = att.value.statement;
    const af = { file: FILES.attestation };
    if (st.conversationId !== e.conversationId) {
      problem(
        'attestation_conversation',
        af,
        `The attestation is for conversation ${st.conversationId}, the bundle for ${e.conversationId}.`,
      );
    }
    if (canonicalJson(st.participants) !== canonicalJson(e.participants)) {
      problem(
        'attestation_participants',
        af,
        'The participants in evidence.json differ from those the server attested.',
      );
    }
    if (canonicalJson(st.scope) !== canonicalJson(e.scope)) {
      problem(
        'attestation_scope',
        af,
        'The attestation covers a different scope than evidence.json declares.',
      );
    }
    const seqs = e.messages.map((m) => m.seq);
    const first = e.messages[0];
    const last = e.messages[e.messages.length - 1];
    if (st.count !== e.messages.length) {
      problem(
        'attestation_coverage',
        af,
        `The server attested ${st.count} messages; the bundle has ${e.messages.length}.`,
      );
    }
    if (first?.seq !== st.firstSeq || last?.seq !== st.lastSeq) {
      problem(
        'attestation_coverage',
        af,
        `The server attested seq ${st.firstSeq}–${st.lastSeq}; the bundle has ${first?.seq ?? 'none'}–${last?.seq ?? 'none'}.`,
      );
    }
    if (last && last.hash !== st.headHash) {
      problem(
        'attestation_coverage',
        { ...af, seq: last.seq },
        `The last message's hash ${short(last.hash)} is not the attested head hash ${short(st.headHash)}.`,
      );
    }
    // The attested seqs are enumerated only up to one more than the bundle has messages: a
    // hostile statement ([[1, 2**31]], count 2**31) costs no more than an honest one.
    const present = new Set(seqs);
    const attested = new Set<number>();
    let attestedTotal = 0;
    for (const [a, b] of st.ranges) {
      attestedTotal += Math.max(0, b - a + 1);
      for (let s = a; s <= b && attested.size <= e.messages.length; s++) attested.add(s);
    }
    if (attestedTotal > e.messages.length) {
      problem(
        'attestation_coverage',
        af,
        `The attestation's ranges cover ${attestedTotal} seqs; the bundle has ${e.messages.length} messages.`,
      );
    }
    for (const s of attested) {
      if (!present.has(s))
        problem(
          'attestation_coverage',
          { ...af, seq: s },
          `Message ${s} was attested by the server but is missing from the bundle.`,
        );
    }
    const sortedRanges = [...st.ranges].sort((x, y) => x[0] - y[0]);
    const inRanges = (s: number): boolean => {
      let lo = 0;
      let hi = sortedRanges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [a, b] = sortedRanges[mid] as [number, number];
        if (s < a) hi = mid - 1;
        else if (s > b) lo = mid + 1;
        else return true;
      }
      return false;
    };
    for (const s of seqs) {
      if (!attested.has(s) && !inRanges(s))
        problem(
          'attestation_coverage',
          { file: FILES.evidence, seq: s },
          `Message ${s} is in the bundle but the server did not attest it.`,
        );
    }
    if (
      canonicalJson(seqRanges(seqs)) !== canonicalJson(st.ranges) &&
      perCode.get('attestation_coverage') === undefined
    ) {
      problem('attestation_coverage', af, 'The messages are not in the seq ranges the server attested.');
    }
    if (messagesDigest(e.messages) !== st.messagesDigest) {
      problem(
        'attestation_coverage',
        af,
        "The messages or their attachments' names, types or sizes differ from what the server attested (messages digest mismatch).",
      );
    }
  }

  // 6. Attachments: each referenced SHA-256 listed once, its file present and intact.
  const referenced = new Map<string, EvidenceMessage['attachments'][number]>();
  const firstSeqOf = new Map<string, number>();
  for (const m of e.messages) {
    for (const a of m.attachments) {
      if (!referenced.has(a.sha256)) {
        referenced.set(a.sha256, a);
        firstSeqOf.set(a.sha256, m.seq);
      }
    }
  }
  const listedAttachments = new Set<string>();
  // Where each verified attachment is: the report is rendered from them again below. Paths, not
  // bytes: a zip read from a file gives each photo when asked, and the verifier holds none.
  const attachmentFiles = new Map<string, string>();
  let included = 0;
  for (const a of e.attachments) {
    const where = { file: a.path ?? FILES.evidence, attachment: a.sha256 };
    if (listedAttachments.has(a.sha256)) {
      problem('attachment_metadata', where, `Attachment ${a.sha256} is listed twice in evidence.json.`);
      continue;
    }
    listedAttachments.add(a.sha256);
    const ref = referenced.get(a.sha256);
    if (!ref) {
      problem(
        'attachment_unreferenced',
        where,
        `Attachment ${a.name} (${short(a.sha256)}) is not referenced by any message.`,
      );
      continue;
    }
    if (canonicalJson([ref.name, ref.mime, ref.size]) !== canonicalJson([a.name, a.mime, a.size])) {
      problem(
        'attachment_metadata',
        { ...where, seq: firstSeqOf.get(a.sha256) },
        `Attachment ${short(a.sha256)}'s name, type or size in the list differs from message ${firstSeqOf.get(a.sha256)}.`,
      );
    }
    if (a.path === null) continue;
    if (!e.options.attachments) {
      problem(
        'attachment_path',
        where,
        `The export says attachments are left out, but ${a.path} is included.`,
      );
    }
    if (a.path !== attachmentPath(a.sha256, a.name)) {
      problem(
        'attachment_path',
        where,
        `Attachment ${short(a.sha256)} should be stored as ${attachmentPath(a.sha256, a.name)}, not ${a.path}.`,
      );
    }
    // Read already, and hashed: its size and digest are known (a file is not read twice).
    const known = seenFiles.get(a.path);
    const knownHash = hashCache.get(a.path);
    const bytes = known && knownHash !== undefined ? null : files.get(a.path);
    if (bytes === undefined) {
      problem(
        'attachment_missing',
        where,
        `${a.path} (${a.name}, referenced by message ${firstSeqOf.get(a.sha256)}) is missing from the bundle.`,
      );
      continue;
    }
    included++;
    const size = bytes ? bytes.length : (known?.size ?? 0);
    const h = bytes ? hashOf(a.path, bytes) : (knownHash as string);
    if (bytes) seen(a.path, bytes);
    if (h !== a.sha256) {
      problem(
        'attachment_hash',
        { ...where, seq: firstSeqOf.get(a.sha256) },
        `${a.path} is not the file message ${firstSeqOf.get(a.sha256)} refers to: its SHA-256 is ${h}.`,
      );
    } else {
      attachmentFiles.set(a.sha256, a.path);
      if (size !== a.size) {
        problem('attachment_size', where, `${a.path} has ${size} bytes; the message says ${a.size}.`);
      }
    }
  }
  for (const [sha, ref] of referenced) {
    if (!listedAttachments.has(sha)) {
      problem(
        'attachment_missing',
        { file: FILES.evidence, attachment: sha, seq: firstSeqOf.get(sha) },
        `Attachment ${ref.name} (${short(sha)}) of message ${firstSeqOf.get(sha)} is not listed in evidence.json.`,
      );
    }
  }
  const notIncluded = e.attachments.filter((a) => a.path === null).length;
  if (notIncluded > 0) {
    notes.push(
      `${notIncluded} attachment(s) are listed by SHA-256 only; their files were not included in this export.`,
    );
  }
  if (e.machineTranslations.length > 0) {
    notes.push(
      `${e.machineTranslations.length} machine translation(s) for the reader are included; no signature covers them.`,
    );
  }

  // 7. Machine translations refer to included messages.
  const present = new Set(e.messages.map((m) => m.seq));
  for (const t of e.machineTranslations) {
    if (!present.has(t.seq))
      problem(
        'translation_orphan',
        { file: FILES.evidence, seq: t.seq },
        `A machine translation refers to message ${t.seq}, which is not in the bundle.`,
      );
  }

  // 8. Every file is one the format defines.
  const expectedPaths = new Set<string>(Object.values(FILES));
  for (const a of e.attachments) if (a.path) expectedPaths.add(a.path);
  for (const path of files.keys()) {
    if (!expectedPaths.has(path)) {
      problem(
        'file_unexpected',
        { file: path },
        `${path} is not part of the evidence format${path.startsWith(ATTACHMENTS_DIR) ? ' (no message refers to it)' : ''}.`,
      );
    }
  }
  // report.pdf is printed by the exporter's app: nothing signed covers it and it cannot be
  // rendered again to compare, so whatever it shows is the exporter's word (docs/evidence.md § Report).
  if (files.has(FILES.reportPdf))
    warnings.push({
      code: 'report_pdf_unverified',
      where: { file: FILES.reportPdf },
      message:
        "report.pdf is NOT verified: it is a print the exporter's app made of report.html, and nothing signed covers it. report.html and evidence.json are the verified record; read those, or compare the PDF with them.",
    });

  // 9. report.html and VERIFY.txt are renderings of evidence.json: render again, by the rules the
  // report names (version 1: photos inline; 2: linked), and compare. Local times may differ under
  // other time-zone rules; those only warn (compareReport).
  if (att.ok && keyId) {
    const report = files.get(FILES.report);
    const rules = reportRulesOf(report, e);
    if (report) {
      const parts = renderReportParts({
        evidence: e,
        attestation: att.value,
        keyId,
        attachmentBytes: (s) => {
          const path = attachmentFiles.get(s);
          if (path === undefined) return undefined;
          // Rules 2 only sniff the type: the first bytes do (sniff.ts); rules 1 inline the photo.
          const head = rules === 2 ? seenFiles.get(path)?.head : undefined;
          return head ?? files.get(path);
        },
        rules,
      });
      const cmp = compareReport(parts, report);
      if (cmp.mismatchAt >= 0) {
        problem(
          'report_mismatch',
          { file: FILES.report },
          `report.html does not match evidence.json (first difference at byte ${cmp.mismatchAt}, line ${lineAt(report, cmp.mismatchAt)}).`,
        );
      }
      const at = cmp.localTimeDifferences[0];
      if (at !== undefined) {
        warnings.push({
          code: 'report_local_time',
          where: { file: FILES.report },
          message: `${cmp.localTimeDifferences.length} local time(s) in report.html differ from this verifier's time-zone rules but show the same instant (first at line ${lineAt(report, at)}); the UTC times are authoritative.`,
        });
      }
    }
    const verifyTxt = files.get(FILES.verifyTxt);
    if (verifyTxt && firstDifference([renderVerifyTxt(e, att.value, keyId, rules)], verifyTxt) >= 0) {
      problem('verify_txt_mismatch', { file: FILES.verifyTxt }, 'VERIFY.txt has been changed.');
    }
  }

  const first = e.messages[0];
  const last = e.messages[e.messages.length - 1];
  return finish(problems, notes, warnings, {
    conversationId: e.conversationId,
    messages: e.messages.length,
    attachments: e.attachments.length,
    attachmentsIncluded: included,
    firstSeq: first?.seq ?? 0,
    lastSeq: last?.seq ?? 0,
    keyId,
    publicKey: publicKey ? bytesToHex(publicKey) : '',
    keys: [...keys.entries()]
      .map(([id, pk]) => ({ keyId: id, publicKey: bytesToHex(pk) }))
      .sort((a, b) => (a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : 0)),
    formatVersion: e.format === EVIDENCE_FORMAT_V1 ? 1 : e.format === EVIDENCE_FORMAT_V3 ? 3 : 2,
    keyUrl: e.keyUrl,
    scope: e.scope,
    keyPinned,
  });
}

/** 1-based line number of a byte offset. */
function lineAt(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function finish(
  problems: Problem[],
  notes: string[],
  warnings: Warning[],
  summary: VerifySummary | null,
): VerifyResult {
  return { ok: problems.length === 0, problems, notes, warnings, summary };
}

/** One line per problem, for people: "evidence.json, message 12: Message 12 has been changed…". */
export function formatProblem(p: Problem): string {
  const where = [
    p.where.file,
    p.where.seq !== undefined ? `message ${p.where.seq}` : undefined,
    p.where.attachment ? `attachment ${short(p.where.attachment)}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `${where ? `${where}: ` : ''}${p.message} [${p.code}]`;
}
