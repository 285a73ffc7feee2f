/**
 * Builds an evidence bundle (docs/evidence.md): the files, then a deterministic zip. The same
 * code runs in the renderer (export dialog), on the server (operator CLI) and in the benchmark.
 */
import { Deflate, strToU8 } from 'fflate';
import { AppError } from '../result';
import { messagesDigest, selectMessages } from './attestation';
import { bytesToHex, canonicalJson, sha256Hex } from './chain';
import {
  ATTACHMENTS_DIR,
  EVIDENCE_FORMAT,
  EVIDENCE_FORMAT_V3,
  FILES,
  MANIFEST_FORMAT,
  SERVER_KEY_FORMAT,
  BUNDLE_SUFFIX,
} from './format';
import type {
  Attestation,
  BatchProof,
  EvidenceAttachment,
  EvidenceAttachmentRef,
  EvidenceJson,
  EvidenceMessage,
  EvidenceMessageV1,
  ExportOptions,
  MachineTranslation,
  Manifest,
  Scope,
  PublicKeyEntry,
  ServerKey,
} from './format';
import { crc32 } from './crc32';
import { keyIdOf } from './keys';
import { partsToBytes, renderReport, renderVerifyTxt } from './report';
import { sniffHead } from './sniff';

/**
 * A message as stored (the protocol's `Message` fits; extra fields are ignored). Which key signed
 * it comes from the attestation, which the server makes from its own records.
 */
export type StoredMessage = Omit<EvidenceMessageV1, 'change' | 'replyTo' | 'automatic'> & {
  change?: EvidenceMessageV1['change'] | null;
  replyTo?: EvidenceMessageV1['replyTo'] | null;
  automatic?: EvidenceMessageV1['automatic'] | null;
  /** Set when the server signed it with others of its group commit (docs/evidence.md § Batch signatures). */
  proof?: BatchProof | null;
};

export interface BundleInput {
  /** The conversation's messages (all, or any superset of the scope); selected here by `scope`. */
  messages: readonly StoredMessage[];
  /** Attachment bytes by SHA-256; missing ones are listed without a file. */
  attachmentBytes?: (sha256: string) => Uint8Array | undefined;
  /** The server's attestation for exactly this conversation and scope (`evidence:attest`). */
  attestation: Attestation;
  /**
   * Raw 32-byte Ed25519 public key that signed the attestation (the server's current key). Keys
   * that signed older messages come with the attestation (`statement.keys`).
   */
  serverPublicKey: Uint8Array;
  /** Where the server publishes its key, e.g. `https://tradewind.example/api/evidence/key`. */
  keyUrl?: string | null;
  scope: Scope;
  options: ExportOptions;
  claim?: string;
  disputeId?: string;
  /** Time of export, ISO 8601 UTC; it also dates the zip entries. */
  exportedAt: string;
  /** Member id of the participant who exported (null for the operator CLI). */
  exportedBy?: string | null;
  /** Reader-side machine translations (not signed); included only with `options.translations`. */
  machineTranslations?: readonly MachineTranslation[];
  /** A PDF print of report.html (Electron printToPDF), listed in the manifest. */
  reportPdf?: Uint8Array;
  /** SHA-256 hex function; inject a native one for speed (node:crypto). Defaults to @noble/hashes. */
  sha256?: (bytes: Uint8Array) => string;
  /** The exporter's IANA time zone: the file name's days are counted in it (default UTC). */
  timeZone?: string;
}

export interface Bundle {
  fileName: string;
  /** The bundle's files in zip order. */
  files: Map<string, Uint8Array>;
  zip: Uint8Array;
  evidence: EvidenceJson;
}

/** Characters no file system or zip tool should see in an attachment's name. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are replaced
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]/g;
/**
 * Dots and white space trimmed from both ends of an attachment's name. Spelled out (it is exactly
 * JavaScript's `\s` set, which earlier versions used) so other languages can implement the rule:
 * U+0009–U+000D, U+0020, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000,
 * U+FEFF (docs/evidence.md § Bundle layout).
 */
const TRIM = '.\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const TRIM_ENDS = new RegExp(`^[${TRIM}]+|[${TRIM}]+$`, 'g');

/** `attachments/<sha256>-<name>` with the name made safe for every file system (≤ 80 code points). */
export function attachmentPath(sha256: string, name: string): string {
  let safe = Array.from(name.replace(UNSAFE, '_')).slice(0, 80).join('');
  safe = safe.replace(TRIM_ENDS, '');
  return `${ATTACHMENTS_DIR}${sha256}-${safe === '' ? 'file' : safe}`;
}

const fileSafe = (s: string): string =>
  s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|[._]+$/g, '') || 'x';

/** `YYYY-MM-DD` of an instant in an IANA time zone (UTC when the zone is unknown to this runtime). */
function localDay(t: number, timeZone: string): string {
  if (!Number.isFinite(t)) return 'undated';
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(t);
  } catch {
    return new Date(t).toISOString().slice(0, 10);
  }
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * `<partner>-<what>-<date>.tradewind-evidence.zip` (docs/evidence.md § Producing bundles). `what`
 * is `all` (whole conversation), the order number, or `<first day>_to_<last day>` for a date
 * range: the calendar days the exporter chose in `timeZone`, both inclusive (the scope's `to` is
 * the exclusive midnight after the last day, so the last day is the one of `to − 1 ms`). `date` is
 * the export day in the same zone. The zone defaults to UTC (the operator CLI's instants).
 */
export function bundleFileName(partner: string, scope: Scope, exportedAt: string, timeZone = 'UTC'): string {
  let what: string;
  if (scope.kind === 'whole') what = 'all';
  else if (scope.kind === 'order') what = fileSafe(scope.orderNo);
  else {
    const from = Date.parse(scope.from);
    const last = Math.max(from, Date.parse(scope.to) - 1);
    what = `${localDay(from, timeZone)}_to_${localDay(last, timeZone)}`;
  }
  return `${fileSafe(partner)}-${what}-${localDay(Date.parse(exportedAt), timeZone)}${BUNDLE_SUFFIX}`;
}

/** Picks exactly the fields of the evidence format from a stored message. */
function toEvidenceMessage(m: StoredMessage, keyId: string): EvidenceMessage {
  const out: EvidenceMessage = {
    conversationId: m.conversationId,
    seq: m.seq,
    clientId: m.clientId,
    sender: m.sender,
    text: m.text,
    lang: m.lang,
    translation: m.translation ? { text: m.translation.text, lang: m.translation.lang } : null,
    attachments: m.attachments.map((a): EvidenceAttachmentRef => {
      const r: EvidenceAttachmentRef = { sha256: a.sha256, name: a.name, mime: a.mime, size: a.size };
      if (a.width !== undefined) r.width = a.width;
      if (a.height !== undefined) r.height = a.height;
      return r;
    }),
    order: m.order ? Object.fromEntries(Object.entries(m.order).filter(([, v]) => v !== undefined)) : null,
    sentAt: m.sentAt,
    prevHash: m.prevHash,
    hash: m.hash,
    signature: m.signature,
    keyId,
  };
  if (m.change) out.change = { kind: m.change.kind, seq: m.change.seq };
  if (m.replyTo) out.replyTo = { seq: m.replyTo.seq };
  if (m.automatic) out.automatic = { kind: m.automatic.kind, backAt: m.automatic.backAt };
  if (m.proof) out.proof = { index: m.proof.index, size: m.proof.size, path: [...m.proof.path] };
  return out;
}

/** The signing key id of each seq, from the statement's per-key ranges; throws for an uncovered seq. */
function keyIdsBySeq(st: Attestation['statement'], seqs: readonly number[]): string[] {
  const spans = st.keys
    .flatMap((k) => k.ranges.map(([from, to]) => ({ from, to, keyId: k.keyId })))
    .sort((a, b) => a.from - b.from);
  const out: string[] = [];
  let i = 0;
  for (const seq of seqs) {
    while (i < spans.length && (spans[i] as { to: number }).to < seq) i++;
    const span = spans[i];
    if (!span || span.from > seq)
      throw new AppError('conflict', `The attestation does not say which key signed message ${seq}.`);
    out.push(span.keyId);
  }
  return out;
}

const json = (v: unknown): Uint8Array => strToU8(`${JSON.stringify(v, null, 2)}\n`);

/** What the builder checks and chooses before it writes anything. */
interface Plan {
  keyId: string;
  /** The scope's messages in the evidence shape, in seq order. */
  selected: EvidenceMessage[];
  /** Each attachment of the selected messages once, in order of first reference. */
  refs: EvidenceAttachmentRef[];
}

type PlanInput = Pick<BundleInput, 'messages' | 'attestation' | 'serverPublicKey' | 'scope'>;

/** Selects the scope's messages and checks them against the attestation; throws `AppError('conflict')`. */
function planBundle(input: PlanInput): Plan {
  const st = input.attestation.statement;
  const keyId = keyIdOf(input.serverPublicKey);
  if (st.keyId !== keyId)
    throw new AppError('conflict', 'The attestation was signed by a different server key.');
  if (canonicalJson(st.scope) !== canonicalJson(input.scope)) {
    throw new AppError('conflict', 'The attestation covers a different scope than the export.');
  }
  const conversationId = st.conversationId;
  const chosen = selectMessages(
    input.messages.filter((m) => m.conversationId === conversationId),
    input.scope,
  );
  const keyIds = keyIdsBySeq(
    st,
    chosen.map((m) => m.seq),
  );
  const selected = chosen.map((m, i) => toEvidenceMessage(m, keyIds[i] as string));
  for (let i = 1; i < selected.length; i++) {
    if ((selected[i] as EvidenceMessage).seq === (selected[i - 1] as EvidenceMessage).seq) {
      throw new AppError('conflict', `Message ${(selected[i] as EvidenceMessage).seq} appears twice.`);
    }
  }
  if (selected.length !== st.count || messagesDigest(selected) !== st.messagesDigest) {
    throw new AppError(
      'conflict',
      `The server attested ${st.count} messages for this export but ${selected.length} matching messages are available here; sync the conversation and try again.`,
    );
  }
  const refs: EvidenceAttachmentRef[] = [];
  const seen = new Set<string>();
  for (const m of selected) {
    for (const a of m.attachments) {
      if (seen.has(a.sha256)) continue;
      seen.add(a.sha256);
      refs.push(a);
    }
  }
  return { keyId, selected, refs };
}

const hashMismatch = (a: EvidenceAttachmentRef): AppError =>
  new AppError('conflict', `The stored bytes of ${a.name} do not match their SHA-256.`);

type HeadInput = Omit<BundleInput, 'messages' | 'attachmentBytes' | 'sha256'>;

/**
 * The bundle's files that come before its attachments, in zip order: evidence.json, report.html,
 * report.pdf (when given), attestation.json, server-key.json, VERIFY.txt. `sniffBytes` gives an
 * included attachment's bytes, or at least its first ones (`sniffHead`): the report reads only
 * those, to sniff its type.
 */
function headFiles(
  input: HeadInput,
  plan: Plan,
  attachments: EvidenceAttachment[],
  sniffBytes: (sha256: string) => Uint8Array | undefined,
): { files: Map<string, Uint8Array>; evidence: EvidenceJson } {
  const st = input.attestation.statement;
  const { keyId, selected } = plan;
  const seqs = new Set(selected.map((m) => m.seq));
  const machineTranslations = input.options.translations
    ? (input.machineTranslations ?? [])
        .filter((t) => seqs.has(t.seq))
        .map((t) => ({ seq: t.seq, lang: t.lang, text: t.text }))
        .sort((a, b) => a.seq - b.seq || (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0))
    : [];

  const evidence: EvidenceJson = {
    // Version 3 only when it is needed: a bundle without batch proofs is exactly what it always was,
    // and verifiers that predate batches still read it (docs/evidence.md § Versions).
    format: selected.some((m) => m.proof) ? EVIDENCE_FORMAT_V3 : EVIDENCE_FORMAT,
    conversationId: st.conversationId,
    exportedAt: input.exportedAt,
    exportedBy: input.exportedBy ?? null,
    scope: input.scope,
    options: { translations: input.options.translations, attachments: input.options.attachments },
    claim: input.claim ?? '',
    disputeId: input.disputeId ?? '',
    participants: st.participants,
    messages: selected,
    attachments,
    machineTranslations,
    keyUrl: input.keyUrl ?? null,
  };
  // Every key that signed something in the bundle: the attestation key and the message keys.
  const keys = new Map<string, PublicKeyEntry>([
    [keyId, { alg: 'Ed25519', publicKey: bytesToHex(input.serverPublicKey), keyId }],
  ]);
  for (const k of st.keys) keys.set(k.keyId, { alg: 'Ed25519', publicKey: k.publicKey, keyId: k.keyId });
  const serverKey: ServerKey = {
    format: SERVER_KEY_FORMAT,
    keys: [...keys.values()].sort((a, b) => (a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : 0)),
    url: input.keyUrl ?? null,
  };
  const included = new Set(attachments.filter((a) => a.path).map((a) => a.sha256));

  const files = new Map<string, Uint8Array>();
  files.set(FILES.evidence, json(evidence));
  files.set(
    FILES.report,
    partsToBytes(
      renderReport({
        evidence,
        attestation: input.attestation,
        keyId,
        attachmentBytes: (s) => (included.has(s) ? sniffBytes(s) : undefined),
      }),
    ),
  );
  if (input.reportPdf) files.set(FILES.reportPdf, input.reportPdf);
  files.set(FILES.attestation, json(input.attestation));
  files.set(FILES.serverKey, json(serverKey));
  files.set(FILES.verifyTxt, strToU8(renderVerifyTxt(evidence, input.attestation, keyId)));
  return { files, evidence };
}

/** Builds the bundle's files (without zipping). Throws `AppError('conflict')` when the messages do not match the attestation. */
export function buildBundleFiles(input: BundleInput): {
  files: Map<string, Uint8Array>;
  evidence: EvidenceJson;
} {
  const hash = input.sha256 ?? ((b: Uint8Array) => sha256Hex(b));
  const plan = planBundle(input);
  // Attachments: one file per distinct SHA-256, in order of first reference.
  const attachments: EvidenceAttachment[] = [];
  const attachmentFiles = new Map<string, [path: string, bytes: Uint8Array]>();
  for (const a of plan.refs) {
    let path: string | null = null;
    const bytes = input.options.attachments ? input.attachmentBytes?.(a.sha256) : undefined;
    if (bytes) {
      if (hash(bytes) !== a.sha256) throw hashMismatch(a);
      path = attachmentPath(a.sha256, a.name);
      attachmentFiles.set(a.sha256, [path, bytes]);
    }
    attachments.push({ sha256: a.sha256, name: a.name, mime: a.mime, size: a.size, path });
  }
  const { files, evidence } = headFiles(input, plan, attachments, (s) => attachmentFiles.get(s)?.[1]);
  for (const [p, b] of attachmentFiles.values()) files.set(p, b);
  files.set(FILES.manifest, manifestOf(files, hash));
  return { files, evidence };
}

/** manifest.json listing these files (any order: it is sorted by path). */
function manifestJson(list: Manifest['files']): Uint8Array {
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    algorithm: 'SHA-256',
    files: [...list].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0)),
  };
  return json(manifest);
}

/** manifest.json of the other files. */
function manifestOf(files: ReadonlyMap<string, Uint8Array>, hash: (b: Uint8Array) => string): Uint8Array {
  return manifestJson(
    [...files.entries()]
      .filter(([path]) => path !== FILES.manifest)
      .map(([path, b]) => ({ path, size: b.length, sha256: hash(b) })),
  );
}

/** The files with report.pdf after report.html (where the builder puts it) and without a manifest. */
function withPdfAfterReport(
  files: ReadonlyMap<string, Uint8Array>,
  pdf: Uint8Array,
): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [path, bytes] of files) {
    if (path === FILES.manifest || path === FILES.reportPdf) continue;
    out.set(path, bytes);
    if (path === FILES.report) out.set(FILES.reportPdf, pdf);
  }
  return out;
}

/**
 * The files of a bundle built without a PDF, with `report.pdf` (a print of their report.html)
 * added where the builder puts it and the manifest redone: the same files, in the same order, as
 * building with `reportPdf` gives, without building twice (the desktop prints the report first).
 */
export function withReportPdf(
  files: ReadonlyMap<string, Uint8Array>,
  pdf: Uint8Array,
  sha256: (b: Uint8Array) => string = sha256Hex,
): Map<string, Uint8Array> {
  const out = withPdfAfterReport(files, pdf);
  out.set(FILES.manifest, manifestOf(out, sha256));
  return out;
}

// ---- The zip ------------------------------------------------------------------------------------
//
// Bundles are deterministic zips in the layout fflate's streaming `Zip` writes (and bundles have
// always had): each entry a local header without CRC or sizes (flag 8), its data, and a data
// descriptor with its signature; then the central directory and the end record. Written here so
// that an entry's bytes do not depend on where it lands: the export streams its photos first, one
// at a time, and puts them after report.html (which needs their types) when the zip is joined.

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const END_SIG = 0x06054b50;
const DESCRIPTOR_SIG = 0x08074b50;
const FLAG_DESCRIPTOR = 8;
const FLAG_UTF8 = 0x800;

const put16 = (d: Uint8Array, o: number, v: number): void => {
  d[o] = v & 255;
  d[o + 1] = (v >>> 8) & 255;
};
const put32 = (d: Uint8Array, o: number, v: number): void => {
  put16(d, o, v & 0xffff);
  put16(d, o + 2, v >>> 16);
};

/** MS-DOS date and time of an instant in the runtime's local time, as zip tools show it. */
function dosTime(d: Date): number {
  const y = d.getFullYear() - 1980;
  if (y < 0 || y > 119) throw new AppError('bad_request', 'A zip can only date files from 1980 to 2099.');
  return (
    ((y << 25) |
      ((d.getMonth() + 1) << 21) |
      (d.getDate() << 16) |
      (d.getHours() << 11) |
      (d.getMinutes() << 5) |
      (d.getSeconds() >> 1)) >>>
    0
  );
}

/** One entry as written: what the central directory says of it. */
export interface ZipEntryInfo {
  name: Uint8Array;
  flags: number;
  method: 0 | 8;
  time: number;
  crc: number;
  packed: number;
  size: number;
  /** The whole entry's bytes: local header, data, data descriptor. */
  length: number;
  /** Where its data starts within the entry (the local header's length). */
  dataStart: number;
}

/** Photos and PDFs do not compress: they are stored. */
const isStored = (path: string): boolean => path.startsWith(ATTACHMENTS_DIR) || path === FILES.reportPdf;

/**
 * One file as a zip entry: local header, data (a stored file's own array, not copied; a text file
 * deflated at level 6) and data descriptor, dated `date`.
 */
export function zipEntry(
  path: string,
  bytes: Uint8Array,
  date: Date,
): { info: ZipEntryInfo; parts: Uint8Array[] } {
  const name = strToU8(path);
  const data: Uint8Array[] = [];
  let method: 0 | 8 = 0;
  if (isStored(path)) data.push(bytes);
  else {
    method = 8;
    new Deflate({ level: 6 }, (chunk) => data.push(chunk)).push(bytes, true);
  }
  let packed = 0;
  for (const d of data) packed += d.length;
  const flags = FLAG_DESCRIPTOR | (name.length !== path.length ? FLAG_UTF8 : 0);
  const info: ZipEntryInfo = {
    name,
    flags,
    method,
    time: dosTime(date),
    crc: crc32(bytes),
    packed,
    size: bytes.length,
    length: 30 + name.length + packed + 16,
    dataStart: 30 + name.length,
  };
  const header = new Uint8Array(30 + name.length);
  put32(header, 0, LOCAL_SIG);
  put16(header, 4, 20);
  put16(header, 6, flags);
  put16(header, 8, method);
  put32(header, 10, info.time);
  // CRC and sizes follow the data, in the descriptor (as a stream writes them).
  put16(header, 26, name.length);
  header.set(name, 30);
  const descriptor = new Uint8Array(16);
  put32(descriptor, 0, DESCRIPTOR_SIG);
  put32(descriptor, 4, info.crc);
  put32(descriptor, 8, packed);
  put32(descriptor, 12, info.size);
  return { info, parts: [header, ...data, descriptor] };
}

/** The central directory and end record of these entries, written in this order from offset 0. */
export function zipDirectory(entries: readonly ZipEntryInfo[]): Uint8Array {
  let dirSize = 0;
  for (const e of entries) dirSize += 46 + e.name.length;
  const out = new Uint8Array(dirSize + 22);
  let o = 0;
  let offset = 0;
  for (const e of entries) {
    put32(out, o, CENTRAL_SIG);
    put16(out, o + 4, 20);
    put16(out, o + 6, 20);
    put16(out, o + 8, e.flags);
    put16(out, o + 10, e.method);
    put32(out, o + 12, e.time);
    put32(out, o + 16, e.crc);
    put32(out, o + 20, e.packed);
    put32(out, o + 24, e.size);
    put16(out, o + 28, e.name.length);
    put32(out, o + 42, offset);
    out.set(e.name, o + 46);
    o += 46 + e.name.length;
    offset += e.length;
  }
  put32(out, o, END_SIG);
  put16(out, o + 8, entries.length);
  put16(out, o + 10, entries.length);
  put32(out, o + 12, dirSize);
  put32(out, o + 16, offset);
  return out;
}

/**
 * A deterministic zip of a bundle's files as the parts it is written in, in order: headers,
 * deflated data, and each photo's own array as its stored data (not copied). Every entry is dated
 * `date`; photos and PDFs are stored, text deflated. Their concatenation is the zip (`joinZip`).
 */
export function zipBundleParts(
  files: ReadonlyMap<string, Uint8Array>,
  date: string,
): { parts: Uint8Array[]; size: number } {
  const mtime = new Date(date);
  const parts: Uint8Array[] = [];
  const entries: ZipEntryInfo[] = [];
  let size = 0;
  for (const [path, bytes] of files) {
    const e = zipEntry(path, bytes, mtime);
    entries.push(e.info);
    parts.push(...e.parts);
    size += e.info.length;
  }
  const dir = zipDirectory(entries);
  parts.push(dir);
  return { parts, size: size + dir.length };
}

export function zipBundle(files: ReadonlyMap<string, Uint8Array>, date: string): Uint8Array {
  return joinZip(zipBundleParts(files, date));
}

/** The zip that `zipBundleParts` wrote, as one array. */
export function joinZip({ parts, size }: { parts: readonly Uint8Array[]; size: number }): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ---- Streaming: the attachments one at a time ----------------------------------------------------

/**
 * Where a streamed bundle's zip goes: stretches of it, put in the order they are made (the photos
 * first), joined in zip order at the end (by the sink's owner, from `StreamedBundle.stretches`). A
 * Blob per stretch in the app: the browser keeps its bytes outside the page and the worker.
 */
export interface ZipSink<S> {
  /** Keeps these bytes, in order, as one stretch of the zip; the arrays may be let go after. */
  put(parts: Uint8Array[], size: number): Promise<S> | S;
}

export interface StreamInput extends Omit<BundleInput, 'attachmentBytes' | 'sha256' | 'reportPdf'> {
  /**
   * An attachment's bytes, or undefined when this device does not have them (listed without a
   * file). Asked once per attachment, in order; at most two are held at once.
   */
  readAttachment: (sha256: string) => Promise<Uint8Array | undefined>;
  /** SHA-256 hex (WebCrypto in the app). */
  digest: (bytes: Uint8Array) => Promise<string>;
}

/** An attachment of a streamed bundle: where its bytes are, within a stretch of the sink. */
export interface StreamedFile<S> {
  path: string;
  stretch: S;
  start: number;
  end: number;
}

/**
 * Prints report.html, with the attachments it links beside it, to a PDF that the bundle then
 * carries as report.pdf (desktop); null: none.
 */
export type StreamedPrint<S> = (report: Uint8Array, files: StreamedFile<S>[]) => Promise<Uint8Array | null>;

/** A file as the builder wrote it: what it computed from the very bytes it put into the zip. */
export interface WrittenFile {
  /** CRC-32 of the file's bytes, as its zip entry says. */
  crc: number;
  size: number;
  /** SHA-256 hex of the file's bytes (as manifest.json lists it). */
  sha256: string;
}

export interface StreamedBundle<S> {
  /** The zip's stretches in zip order: joined, they are the zip. */
  stretches: S[];
  size: number;
  /**
   * Every file written, by path: a check that reads the zip back can reuse these digests for the
   * files whose CRC-32 and size read back unchanged instead of hashing them again.
   */
  files: Map<string, WrittenFile>;
}

/**
 * Builds a bundle's zip into a sink, reading each attachment once and holding none of them after
 * it is written: attachments are read, hashed, checked and written as entries one at a time (their
 * first bytes kept to sniff their type), then the files before them (report.html needs those
 * types), then the manifest and the central directory. Byte for byte the zip `buildBundle` makes
 * of the same input (and with `print`, the one `withReportPdf` makes).
 */
export async function streamBundle<S>(
  input: StreamInput,
  sink: ZipSink<S>,
  print?: StreamedPrint<S>,
): Promise<StreamedBundle<S>> {
  const plan = planBundle(input);
  const mtime = new Date(input.exportedAt);
  const attachments: EvidenceAttachment[] = [];
  const heads = new Map<string, Uint8Array>();
  const written: { file: StreamedFile<S>; info: ZipEntryInfo; sha256: string }[] = [];
  const wanted = input.options.attachments ? plan.refs : [];
  const read = (a: EvidenceAttachmentRef | undefined): Promise<Uint8Array | undefined> | null => {
    if (!a) return null;
    const p = input.readAttachment(a.sha256);
    p.catch(() => undefined); // a read ahead that is never awaited (the build failed) must not go unhandled
    return p;
  };
  // The next attachment is read while this one is hashed and written: two at most in memory.
  let next = read(wanted[0]);
  for (let i = 0; i < plan.refs.length; i++) {
    const a = plan.refs[i] as EvidenceAttachmentRef;
    let path: string | null = null;
    if (next) {
      const bytes = await next;
      next = read(wanted[i + 1]);
      if (bytes) {
        if ((await input.digest(bytes)) !== a.sha256) throw hashMismatch(a);
        path = attachmentPath(a.sha256, a.name);
        heads.set(a.sha256, sniffHead(bytes));
        const { info, parts } = zipEntry(path, bytes, mtime);
        const stretch = await sink.put(parts, info.length);
        written.push({
          file: { path, stretch, start: info.dataStart, end: info.dataStart + info.packed },
          info,
          sha256: a.sha256,
        });
      }
    }
    attachments.push({ sha256: a.sha256, name: a.name, mime: a.mime, size: a.size, path });
  }

  let { files } = headFiles(input, plan, attachments, (s) => heads.get(s));
  heads.clear();
  const report = files.get(FILES.report);
  if (print && report) {
    const pdf = await print(
      report,
      written.map((w) => w.file),
    );
    if (pdf) files = withPdfAfterReport(files, pdf);
  }

  const entries: ZipEntryInfo[] = [];
  const listed: Manifest['files'] = [];
  const headParts: Uint8Array[] = [];
  let headSize = 0;
  const out = new Map<string, WrittenFile>();
  for (const [path, bytes] of files) {
    const e = zipEntry(path, bytes, mtime);
    entries.push(e.info);
    headParts.push(...e.parts);
    headSize += e.info.length;
    const sha256 = await input.digest(bytes);
    listed.push({ path, size: bytes.length, sha256 });
    out.set(path, { crc: e.info.crc, size: e.info.size, sha256 });
  }
  files.clear();
  const head = await sink.put(headParts, headSize);

  for (const w of written) {
    entries.push(w.info);
    listed.push({ path: w.file.path, size: w.info.size, sha256: w.sha256 });
    out.set(w.file.path, { crc: w.info.crc, size: w.info.size, sha256: w.sha256 });
  }
  const manifestBytes = manifestJson(listed);
  const manifest = zipEntry(FILES.manifest, manifestBytes, mtime);
  entries.push(manifest.info);
  out.set(FILES.manifest, {
    crc: manifest.info.crc,
    size: manifest.info.size,
    sha256: await input.digest(manifestBytes),
  });
  const dir = zipDirectory(entries);
  const tailSize = manifest.info.length + dir.length;
  const tail = await sink.put([...manifest.parts, dir], tailSize);
  let size = tailSize + headSize;
  for (const w of written) size += w.info.length;
  return { stretches: [head, ...written.map((w) => w.file.stretch), tail], size, files: out };
}

/** Builds the files and the zip, and names it after the partner, the scope and the date. */
export function buildBundle(input: BundleInput & { partner: string }): Bundle {
  const { files, evidence } = buildBundleFiles(input);
  return {
    fileName: bundleFileName(input.partner, input.scope, input.exportedAt, input.timeZone),
    files,
    zip: zipBundle(files, input.exportedAt),
    evidence,
  };
}
