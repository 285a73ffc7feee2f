/**
 * The evidence bundle format, version 1 (docs/evidence.md). These schemas are the format's
 * definition for readers: the verifier parses `evidence.json`, `attestation.json`,
 * `server-key.json` and `manifest.json` with them. They deliberately do not reuse the socket
 * protocol's schemas: the protocol may evolve, a published bundle format may not.
 */
import { z } from 'zod';

export const EVIDENCE_FORMAT = 'tradewind-evidence-v1';
export const MANIFEST_FORMAT = 'tradewind-manifest-v1';
export const ATTESTATION_VERSION = 'tradewind-attestation-v1';
export const SERVER_KEY_FORMAT = 'tradewind-server-key-v1';
/** Suffix of every bundle's file name. */
export const BUNDLE_SUFFIX = '.tradewind-evidence.zip';

/** The fixed file names of a bundle; attachments live under `attachments/`. */
export const FILES = {
  evidence: 'evidence.json',
  report: 'report.html',
  reportPdf: 'report.pdf',
  manifest: 'manifest.json',
  attestation: 'attestation.json',
  serverKey: 'server-key.json',
  verifyTxt: 'VERIFY.txt',
} as const;
export const ATTACHMENTS_DIR = 'attachments/';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'Not 64 lower-case hex digits.');
const Hex128 = z.string().regex(/^[0-9a-f]{128}$/, 'Not 128 lower-case hex digits.');
const IsoUtc = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'Not an ISO 8601 UTC time.');

/** Which messages an export (and its attestation) covers. docs/evidence.md § Scope. */
export const Scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('whole') }).strict(),
  z.object({ kind: z.literal('order'), orderNo: z.string().min(1).max(64) }).strict(),
  /** `from` inclusive, `to` exclusive, both ISO 8601 UTC. */
  z.object({ kind: z.literal('dateRange'), from: IsoUtc, to: IsoUtc }).strict(),
]);
export type Scope = z.infer<typeof Scope>;

export const Participant = z
  .object({ memberId: z.string().min(1), displayName: z.string(), timeZone: z.string().min(1) })
  .strict();
export type Participant = z.infer<typeof Participant>;

export const EvidenceAttachmentRef = z
  .object({
    sha256: Hex64,
    name: z.string(),
    mime: z.string(),
    size: z.number().int().nonnegative(),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
  })
  .strict();
export type EvidenceAttachmentRef = z.infer<typeof EvidenceAttachmentRef>;

export const EvidenceOrderRef = z
  .object({
    orderNo: z.string().optional(),
    productId: z.string().optional(),
    title: z.string().optional(),
    url: z.string().optional(),
    price: z.string().optional(),
    quantity: z.number().optional(),
  })
  .strict();

/** A message exactly as the server stored and signed it. */
export const EvidenceMessage = z
  .object({
    conversationId: z.string(),
    seq: z.number().int().positive(),
    clientId: z.string(),
    sender: z.string(),
    text: z.string(),
    lang: z.string().nullable(),
    translation: z.object({ text: z.string(), lang: z.string() }).strict().nullable(),
    attachments: z.array(EvidenceAttachmentRef),
    order: EvidenceOrderRef.nullable(),
    sentAt: z.string(),
    prevHash: Hex64,
    hash: Hex64,
    signature: Hex128,
  })
  .strict();
export type EvidenceMessage = z.infer<typeof EvidenceMessage>;

/** One attachment file of the bundle; `path` is null when the export left the bytes out. */
export const EvidenceAttachment = z
  .object({
    sha256: Hex64,
    name: z.string(),
    mime: z.string(),
    size: z.number().int().nonnegative(),
    path: z.string().nullable(),
  })
  .strict();
export type EvidenceAttachment = z.infer<typeof EvidenceAttachment>;

/** A translation made for the reader (machine translation). Not covered by any signature. */
export const MachineTranslation = z
  .object({ seq: z.number().int().positive(), lang: z.string(), text: z.string() })
  .strict();
export type MachineTranslation = z.infer<typeof MachineTranslation>;

export const ExportOptions = z
  .object({
    /** Show translations in the report and include machine translations. */
    translations: z.boolean(),
    /** Include attachment bytes (files and inline photos). */
    attachments: z.boolean(),
  })
  .strict();
export type ExportOptions = z.infer<typeof ExportOptions>;

export const EvidenceJson = z
  .object({
    format: z.literal(EVIDENCE_FORMAT),
    conversationId: z.string(),
    exportedAt: IsoUtc,
    exportedBy: z.string().nullable(),
    scope: Scope,
    options: ExportOptions,
    claim: z.string(),
    disputeId: z.string(),
    participants: z.array(Participant),
    messages: z.array(EvidenceMessage),
    attachments: z.array(EvidenceAttachment),
    machineTranslations: z.array(MachineTranslation),
    /** Where the server publishes its public key (informational; pin it with `--key`). */
    keyUrl: z.string().nullable(),
  })
  .strict();
export type EvidenceJson = z.infer<typeof EvidenceJson>;

export const AttestationStatement = z
  .object({
    v: z.literal(ATTESTATION_VERSION),
    conversationId: z.string(),
    participants: z.array(Participant),
    scope: Scope,
    firstSeq: z.number().int().positive(),
    lastSeq: z.number().int().positive(),
    count: z.number().int().positive(),
    headHash: Hex64,
    /** The covered seqs as sorted, disjoint, inclusive [first, last] ranges. */
    ranges: z.array(z.tuple([z.number().int().positive(), z.number().int().positive()])),
    /** SHA-256 of JCS of the covered messages' digest entries (docs/evidence.md § Attestation). */
    messagesDigest: Hex64,
    issuedAt: IsoUtc,
    keyId: z.string(),
  })
  .strict();
export type AttestationStatement = z.infer<typeof AttestationStatement>;

export const Attestation = z.object({ statement: AttestationStatement, signature: Hex128 }).strict();
export type Attestation = z.infer<typeof Attestation>;

export const ServerKey = z
  .object({
    format: z.literal(SERVER_KEY_FORMAT),
    alg: z.literal('Ed25519'),
    /** Raw 32-byte Ed25519 public key, hex. */
    publicKey: Hex64,
    keyId: z.string(),
    url: z.string().nullable(),
  })
  .strict();
export type ServerKey = z.infer<typeof ServerKey>;

export const ManifestEntry = z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: Hex64 }).strict();
export const Manifest = z
  .object({ format: z.literal(MANIFEST_FORMAT), algorithm: z.literal('SHA-256'), files: z.array(ManifestEntry) })
  .strict();
export type Manifest = z.infer<typeof Manifest>;
