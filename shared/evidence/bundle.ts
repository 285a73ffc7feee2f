/**
 * Builds an evidence bundle (docs/evidence.md): the files, then a deterministic zip. The same
 * code runs in the renderer (export dialog), on the server (operator CLI) and in the benchmark.
 */
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { AppError } from '../result';
import { messagesDigest, selectMessages } from './attestation';
import { bytesToHex, canonicalJson, sha256Hex } from './chain';
import {
  ATTACHMENTS_DIR,
  EVIDENCE_FORMAT,
  FILES,
  MANIFEST_FORMAT,
  SERVER_KEY_FORMAT,
  BUNDLE_SUFFIX,
} from './format';
import type {
  Attestation,
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
import { keyIdOf } from './keys';
import { partsToBytes, renderReport, renderVerifyTxt } from './report';

/**
 * A message as stored (the protocol's `Message` fits; extra fields are ignored). Which key signed
 * it comes from the attestation, which the server makes from its own records.
 */
export type StoredMessage = Omit<EvidenceMessageV1, 'change' | 'replyTo' | 'automatic'> & {
  change?: EvidenceMessageV1['change'] | null;
  replyTo?: EvidenceMessageV1['replyTo'] | null;
  automatic?: EvidenceMessageV1['automatic'] | null;
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

/** Builds the bundle's files (without zipping). Throws `AppError('conflict')` when the messages do not match the attestation. */
export function buildBundleFiles(input: BundleInput): {
  files: Map<string, Uint8Array>;
  evidence: EvidenceJson;
} {
  const hash = input.sha256 ?? ((b: Uint8Array) => sha256Hex(b));
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

  // Attachments: one file per distinct SHA-256, in order of first reference.
  const attachments: EvidenceAttachment[] = [];
  const attachmentFiles: [string, Uint8Array][] = [];
  const seen = new Set<string>();
  for (const m of selected) {
    for (const a of m.attachments) {
      if (seen.has(a.sha256)) continue;
      seen.add(a.sha256);
      let path: string | null = null;
      const bytes = input.options.attachments ? input.attachmentBytes?.(a.sha256) : undefined;
      if (bytes) {
        if (hash(bytes) !== a.sha256)
          throw new AppError('conflict', `The stored bytes of ${a.name} do not match their SHA-256.`);
        path = attachmentPath(a.sha256, a.name);
        attachmentFiles.push([path, bytes]);
      }
      attachments.push({ sha256: a.sha256, name: a.name, mime: a.mime, size: a.size, path });
    }
  }
  const seqs = new Set(selected.map((m) => m.seq));
  const machineTranslations = input.options.translations
    ? (input.machineTranslations ?? [])
        .filter((t) => seqs.has(t.seq))
        .map((t) => ({ seq: t.seq, lang: t.lang, text: t.text }))
        .sort((a, b) => a.seq - b.seq || (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0))
    : [];

  const evidence: EvidenceJson = {
    format: EVIDENCE_FORMAT,
    conversationId,
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
  const byteOf = new Map(attachmentFiles.map(([p, b]) => [p, b]));
  const bySha = new Map(
    attachments.filter((a) => a.path).map((a) => [a.sha256, byteOf.get(a.path as string)]),
  );

  const files = new Map<string, Uint8Array>();
  files.set(FILES.evidence, json(evidence));
  files.set(
    FILES.report,
    partsToBytes(
      renderReport({ evidence, attestation: input.attestation, keyId, attachmentBytes: (s) => bySha.get(s) }),
    ),
  );
  if (input.reportPdf) files.set(FILES.reportPdf, input.reportPdf);
  files.set(FILES.attestation, json(input.attestation));
  files.set(FILES.serverKey, json(serverKey));
  files.set(FILES.verifyTxt, strToU8(renderVerifyTxt(evidence, input.attestation, keyId)));
  for (const [p, b] of attachmentFiles) files.set(p, b);
  files.set(FILES.manifest, manifestOf(files, hash));
  return { files, evidence };
}

/** manifest.json of the other files. */
function manifestOf(files: ReadonlyMap<string, Uint8Array>, hash: (b: Uint8Array) => string): Uint8Array {
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    algorithm: 'SHA-256',
    files: [...files.entries()]
      .filter(([path]) => path !== FILES.manifest)
      .map(([path, b]) => ({ path, size: b.length, sha256: hash(b) }))
      .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0)),
  };
  return json(manifest);
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
  const out = new Map<string, Uint8Array>();
  for (const [path, bytes] of files) {
    if (path === FILES.manifest || path === FILES.reportPdf) continue;
    out.set(path, bytes);
    if (path === FILES.report) out.set(FILES.reportPdf, pdf);
  }
  out.set(FILES.manifest, manifestOf(out, sha256));
  return out;
}

/**
 * A deterministic zip, written as a stream (fflate's `Zip`): fixed entry order, every entry dated
 * `date`, photos and other compressed formats stored, text deflated. Stored entries pass through
 * as the caller's own arrays; the archive's bytes are copied once, into the one array returned.
 * Entries carry their CRC-32 and sizes in a data descriptor after the data (streaming zips do).
 */
/**
 * The zip of a bundle's files as the parts fflate's streaming zipper writes, in order: headers,
 * deflated data, and each photo's own array as its stored data (not copied). Their concatenation
 * is the zip (`zipBundle`); the app hands the parts to a Blob instead of joining them.
 */
export function zipBundleParts(
  files: ReadonlyMap<string, Uint8Array>,
  date: string,
): { parts: Uint8Array[]; size: number } {
  const mtime = new Date(date);
  const parts: Uint8Array[] = [];
  let size = 0;
  const failures: Error[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) failures.push(err);
    else {
      parts.push(chunk);
      size += chunk.length;
    }
  });
  for (const [path, bytes] of files) {
    // Photos and PDFs do not compress.
    const store = path.startsWith(ATTACHMENTS_DIR) || path === FILES.reportPdf;
    const entry = store ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(bytes, true);
  }
  zip.end();
  const failure = failures[0];
  if (failure) throw failure;
  return { parts, size };
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
