/**
 * The evidence verifier (docs/evidence.md § Verification). Pure: it takes the bundle's files and
 * returns every problem it finds with where it is, never throwing on hostile input.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { strFromU8, unzipSync } from 'fflate';
import type * as z from 'zod/mini';
import { inScope, messagesDigest, seqRanges, statementBytes } from './attestation';
import { bytesToHex, canonicalJson, chainHash, genesisHash, hexToBytes, sha256Hex } from './chain';
import { attachmentPath } from './bundle';
import { ATTACHMENTS_DIR, Attestation, EvidenceJson, FILES, Manifest, ServerKey } from './format';
import type { EvidenceMessage } from './format';
import { keyIdOf } from './keys';
import { firstDifference, renderReport, renderVerifyTxt } from './report';

export const PROBLEM_CODES = [
  'zip_invalid',
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
  'message_sender',
  'message_out_of_scope',
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

export interface VerifySummary {
  conversationId: string;
  messages: number;
  attachments: number;
  attachmentsIncluded: number;
  firstSeq: number;
  lastSeq: number;
  keyId: string;
  publicKey: string;
  scope: EvidenceJson['scope'];
  /** Whether the key was compared with one the caller trusts (`expectedKey`). */
  keyPinned: boolean;
}

export interface VerifyResult {
  ok: boolean;
  problems: Problem[];
  /** Facts worth telling that are not problems (e.g. attachments left out by choice). */
  notes: string[];
  /** What the bundle claims, once it could be read. */
  summary: VerifySummary | null;
}

export interface VerifyOptions {
  /** The server public key the caller trusts, hex (64 digits) or raw bytes. */
  expectedKey?: string | Uint8Array;
  /** SHA-256 hex; inject a native implementation for speed. */
  sha256?: (bytes: Uint8Array) => string;
  /** Ed25519 verification; inject a native implementation for speed. */
  verifyEd25519?: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;
  /** Stop listing problems of one kind after this many (default 20 per code). */
  maxPerCode?: number;
}

const MAX_PROBLEMS_DEFAULT = 20;

/** Unzips a bundle; throws on a corrupt archive. */
export function unzipBundle(zip: Uint8Array): Map<string, Uint8Array> {
  const entries = unzipSync(zip);
  const files = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(entries)) if (!name.endsWith('/')) files.set(name, bytes);
  return files;
}

/** Verifies a zipped bundle. */
export function verifyZip(zip: Uint8Array, opts: VerifyOptions = {}): VerifyResult {
  let files: Map<string, Uint8Array>;
  try {
    files = unzipBundle(zip);
  } catch (err) {
    return {
      ok: false,
      problems: [
        {
          code: 'zip_invalid',
          where: {},
          message: `The file is not a readable zip archive (${String(err)}).`,
        },
      ],
      notes: [],
      summary: null,
    };
  }
  return verifyBundle(files, opts);
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
      if (!bytes) {
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

  // 2. The server key, and the key the caller trusts.
  let publicKey: Uint8Array | null = null;
  let keyId = '';
  const key = parseJsonFile(files, FILES.serverKey, ServerKey);
  if (!key.ok) {
    problem(key.missing ? 'key_missing' : 'key_invalid', { file: FILES.serverKey }, key.message);
  } else {
    publicKey = hexToBytes(key.value.publicKey);
    keyId = keyIdOf(publicKey);
    if (key.value.keyId !== keyId) {
      problem(
        'key_invalid',
        { file: FILES.serverKey },
        `server-key.json names the key ${key.value.keyId} but the key's id is ${keyId}.`,
      );
    }
  }
  let keyPinned = false;
  if (opts.expectedKey !== undefined) {
    const expected =
      typeof opts.expectedKey === 'string'
        ? opts.expectedKey.trim().toLowerCase()
        : bytesToHex(opts.expectedKey);
    keyPinned = true;
    if (publicKey && bytesToHex(publicKey) !== expected) {
      problem(
        'key_mismatch',
        { file: FILES.serverKey },
        `The bundle is signed by key ${keyId} (${bytesToHex(publicKey)}), not by the expected key ${expected}.`,
      );
    }
  }

  // 3. evidence.json and attestation.json.
  const ev = parseJsonFile(files, FILES.evidence, EvidenceJson);
  if (!ev.ok)
    problem(ev.missing ? 'evidence_missing' : 'evidence_invalid', { file: FILES.evidence }, ev.message);
  const att = parseJsonFile(files, FILES.attestation, Attestation);
  if (!att.ok)
    problem(
      att.missing ? 'attestation_missing' : 'attestation_invalid',
      { file: FILES.attestation },
      att.message,
    );

  if (att.ok && publicKey) {
    const st = att.value.statement;
    if (!edVerify(hexToBytes(att.value.signature), statementBytes(st), publicKey)) {
      problem(
        'attestation_signature',
        { file: FILES.attestation },
        `The attestation's signature does not verify with the server key ${keyId}.`,
      );
    }
    if (st.keyId !== keyId) {
      problem(
        'attestation_key',
        { file: FILES.attestation },
        `The attestation names key ${st.keyId}; the bundle's key is ${keyId}.`,
      );
    }
  }

  if (!ev.ok) return finish(problems, notes, null);
  const e = ev.value;

  // 4. Messages: order, conversation, hash, signature, chain continuity, scope.
  const participantIds = new Set(e.participants.map((p) => p.memberId));
  let prev: EvidenceMessage | null = null;
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
    if (publicKey && !edVerify(hexToBytes(m.signature), hexToBytes(m.hash), publicKey)) {
      problem(
        'message_signature',
        where,
        `Message ${m.seq}'s signature does not verify with the server key ${keyId}.`,
      );
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
    if (!inScope(m, e.scope)) {
      problem('message_out_of_scope', where, `Message ${m.seq} is outside the export's scope.`);
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
    const attested = new Set<number>();
    for (const [a, b] of st.ranges) for (let s = a; s <= b && attested.size <= st.count; s++) attested.add(s);
    const present = new Set(seqs);
    for (const s of attested) {
      if (!present.has(s))
        problem(
          'attestation_coverage',
          { ...af, seq: s },
          `Message ${s} was attested by the server but is missing from the bundle.`,
        );
    }
    for (const s of seqs) {
      if (!attested.has(s))
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
  const attachmentBytes = new Map<string, Uint8Array>();
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
    const bytes = files.get(a.path);
    if (!bytes) {
      problem(
        'attachment_missing',
        where,
        `${a.path} (${a.name}, referenced by message ${firstSeqOf.get(a.sha256)}) is missing from the bundle.`,
      );
      continue;
    }
    included++;
    const h = hashOf(a.path, bytes);
    if (h !== a.sha256) {
      problem(
        'attachment_hash',
        { ...where, seq: firstSeqOf.get(a.sha256) },
        `${a.path} is not the file message ${firstSeqOf.get(a.sha256)} refers to: its SHA-256 is ${h}.`,
      );
    } else {
      attachmentBytes.set(a.sha256, bytes);
      if (bytes.length !== a.size) {
        problem('attachment_size', where, `${a.path} has ${bytes.length} bytes; the message says ${a.size}.`);
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
  if (files.has(FILES.reportPdf))
    notes.push('report.pdf is a print of report.html; only manifest.json covers it.');

  // 9. report.html and VERIFY.txt are renderings of evidence.json: render again and compare.
  if (att.ok && keyId) {
    const report = files.get(FILES.report);
    if (!report) {
      problem('file_missing', { file: FILES.report }, 'report.html is missing.');
    } else {
      const parts = renderReport({
        evidence: e,
        attestation: att.value,
        keyId,
        attachmentBytes: (s) => attachmentBytes.get(s),
      });
      const at = firstDifference(parts, report);
      if (at >= 0) {
        let line = 1;
        for (let i = 0; i < at && i < report.length; i++) if (report[i] === 0x0a) line++;
        problem(
          'report_mismatch',
          { file: FILES.report },
          `report.html does not match evidence.json (first difference at byte ${at}, line ${line}).`,
        );
      }
    }
    const verifyTxt = files.get(FILES.verifyTxt);
    if (!verifyTxt) problem('file_missing', { file: FILES.verifyTxt }, 'VERIFY.txt is missing.');
    else if (firstDifference([renderVerifyTxt(e, att.value, keyId)], verifyTxt) >= 0) {
      problem('verify_txt_mismatch', { file: FILES.verifyTxt }, 'VERIFY.txt has been changed.');
    }
  }

  const first = e.messages[0];
  const last = e.messages[e.messages.length - 1];
  return finish(problems, notes, {
    conversationId: e.conversationId,
    messages: e.messages.length,
    attachments: e.attachments.length,
    attachmentsIncluded: included,
    firstSeq: first?.seq ?? 0,
    lastSeq: last?.seq ?? 0,
    keyId,
    publicKey: publicKey ? bytesToHex(publicKey) : '',
    scope: e.scope,
    keyPinned,
  });
}

function finish(problems: Problem[], notes: string[], summary: VerifySummary | null): VerifyResult {
  return { ok: problems.length === 0, problems, notes, summary };
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
