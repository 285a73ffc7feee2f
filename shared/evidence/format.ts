/**
 * The evidence bundle format, versions 2 and 3 (docs/evidence.md); version 1 bundles are still read. These schemas are the format's
 * definition for readers: the verifier parses `evidence.json`, `attestation.json`,
 * `server-key.json` and `manifest.json` with them. They deliberately do not reuse the socket
 * protocol's schemas: the protocol may evolve, a published bundle format may not.
 */
// zod/mini: the same validation as `zod` at a fraction of the size, which matters because the
// verifier is bundled into a stand-alone script (scripts/build-verify.mjs).
import * as z from 'zod/mini';

/**
 * Version 2 names each message's signing key (`keyId`), lists every key used in server-key.json
 * and in the attestation, so a bundle stays verifiable after the server key is replaced.
 * Version 1 (one key for everything) is still read by the verifier.
 */
export const EVIDENCE_FORMAT = 'tradewind-evidence-v2';
/**
 * Version 3 is version 2 plus a message's optional batch `proof` (docs/evidence.md § Batch
 * signatures). Only evidence.json has a version 3: it is written only when a message has a proof,
 * so a bundle of messages signed one by one stays version 2, byte for byte, for older verifiers;
 * its attestation.json and server-key.json stay version 2.
 */
export const EVIDENCE_FORMAT_V3 = 'tradewind-evidence-v3';
export const EVIDENCE_FORMAT_V1 = 'tradewind-evidence-v1';
export const MANIFEST_FORMAT = 'tradewind-manifest-v1';
export const ATTESTATION_VERSION = 'tradewind-attestation-v2';
export const ATTESTATION_VERSION_V1 = 'tradewind-attestation-v1';
export const SERVER_KEY_FORMAT = 'tradewind-server-key-v2';
export const SERVER_KEY_FORMAT_V1 = 'tradewind-server-key-v1';
/** The document the server publishes at `/.well-known/tradewind/server-key.json`. */
export const WELL_KNOWN_KEYS_FORMAT = 'tradewind-server-keys-v1';
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

const Hex64 = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'Not 64 lower-case hex digits.'));
const KeyId = z.string().check(z.regex(/^[0-9a-f]{16}$/, 'Not a key id (16 lower-case hex digits).'));
const Hex128 = z.string().check(z.regex(/^[0-9a-f]{128}$/, 'Not 128 lower-case hex digits.'));
const IsoUtc = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'Not an ISO 8601 UTC time.'));
const Seq = z.int().check(z.positive());
const Count = z.int().check(z.nonnegative());
const NonEmpty = (max?: number) =>
  max === undefined ? z.string().check(z.minLength(1)) : z.string().check(z.minLength(1), z.maxLength(max));

/** Which messages an export (and its attestation) covers. docs/evidence.md § Scope. */
export const Scope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('whole') }),
  z.strictObject({ kind: z.literal('order'), orderNo: NonEmpty(64) }),
  /** `from` inclusive, `to` exclusive, both ISO 8601 UTC. */
  z.strictObject({ kind: z.literal('dateRange'), from: IsoUtc, to: IsoUtc }),
]);
export type Scope = z.infer<typeof Scope>;

export const Participant = z.strictObject({
  memberId: NonEmpty(),
  displayName: z.string(),
  timeZone: NonEmpty(),
});
export type Participant = z.infer<typeof Participant>;

export const EvidenceAttachmentRef = z.strictObject({
  sha256: Hex64,
  name: z.string(),
  mime: z.string(),
  size: Count,
  width: z.optional(Seq),
  height: z.optional(Seq),
});
export type EvidenceAttachmentRef = z.infer<typeof EvidenceAttachmentRef>;

export const EvidenceOrderRef = z.strictObject({
  orderNo: z.optional(z.string()),
  productId: z.optional(z.string()),
  title: z.optional(z.string()),
  url: z.optional(z.string()),
  price: z.optional(z.string()),
  quantity: z.optional(z.number()),
});

const messageFields = {
  conversationId: z.string(),
  seq: Seq,
  clientId: z.string(),
  sender: z.string(),
  text: z.string(),
  lang: z.nullable(z.string()),
  translation: z.nullable(z.strictObject({ text: z.string(), lang: z.string() })),
  attachments: z.array(EvidenceAttachmentRef),
  order: z.nullable(EvidenceOrderRef),
  /** Only on an edit or a retraction of message `seq` (docs/evidence.md § Edits and retractions). */
  change: z.optional(z.strictObject({ kind: z.enum(['edit', 'retract']), seq: Seq })),
  /** Only on a reply to message `seq` (docs/evidence.md § Replies). */
  replyTo: z.optional(z.strictObject({ seq: Seq })),
  /** Only on an automatic reply sent by the server for `sender` (docs/evidence.md § Automatic replies). */
  automatic: z.optional(z.strictObject({ kind: z.literal('away'), backAt: z.nullable(z.string()) })),
  sentAt: z.string(),
  prevHash: Hex64,
  hash: Hex64,
  signature: Hex128,
};
/**
 * A message's place in the Merkle tree its group commit signed (docs/evidence.md § Batch
 * signatures): leaf `index` of `size` leaves, the audit path (sibling hashes) from the leaf up.
 * Whether it fits its tree is the signature check's business (`rootFromProof`), not the schema's.
 */
export const BatchProof = z.strictObject({
  index: Count,
  size: z.int().check(z.gte(2), z.lte(2 ** 31 - 1)),
  path: z.array(Hex64).check(z.maxLength(31)),
});
export type BatchProof = z.infer<typeof BatchProof>;

/** A version 2 message: exactly as the server stored and signed it, with the id of the key that signed it. */
export const EvidenceMessageV2 = z.strictObject({ ...messageFields, keyId: KeyId });
export type EvidenceMessageV2 = z.infer<typeof EvidenceMessageV2>;
/**
 * A message as written now (version 3): version 2's, with `proof` when the server signed it in a
 * batch (absent otherwise). A bundle none of whose messages has one is written as version 2.
 */
export const EvidenceMessage = z.strictObject({
  ...messageFields,
  keyId: KeyId,
  proof: z.optional(BatchProof),
});
export type EvidenceMessage = z.infer<typeof EvidenceMessage>;
/** A message of a version 1 bundle: no `keyId`, the bundle's one key signed it. */
export const EvidenceMessageV1 = z.strictObject(messageFields);
export type EvidenceMessageV1 = z.infer<typeof EvidenceMessageV1>;

/** One attachment file of the bundle; `path` is null when the export left the bytes out. */
export const EvidenceAttachment = z.strictObject({
  sha256: Hex64,
  name: z.string(),
  mime: z.string(),
  size: Count,
  path: z.nullable(z.string()),
});
export type EvidenceAttachment = z.infer<typeof EvidenceAttachment>;

/** A translation made for the reader (machine translation). Not covered by any signature. */
export const MachineTranslation = z.strictObject({ seq: Seq, lang: z.string(), text: z.string() });
export type MachineTranslation = z.infer<typeof MachineTranslation>;

export const ExportOptions = z.strictObject({
  /** Show translations in the report and include machine translations. */
  translations: z.boolean(),
  /** Include attachment bytes (files and inline photos). */
  attachments: z.boolean(),
});
export type ExportOptions = z.infer<typeof ExportOptions>;

const evidenceFields = {
  conversationId: z.string(),
  exportedAt: IsoUtc,
  exportedBy: z.nullable(z.string()),
  scope: Scope,
  options: ExportOptions,
  claim: z.string(),
  disputeId: z.string(),
  participants: z.array(Participant),
  attachments: z.array(EvidenceAttachment),
  machineTranslations: z.array(MachineTranslation),
  /** Where the server publishes its public keys (informational; pin with `--key`). */
  keyUrl: z.nullable(z.string()),
};
export const EvidenceJsonV2 = z.strictObject({
  format: z.literal(EVIDENCE_FORMAT),
  ...evidenceFields,
  messages: z.array(EvidenceMessageV2),
});
export const EvidenceJsonV3 = z.strictObject({
  format: z.literal(EVIDENCE_FORMAT_V3),
  ...evidenceFields,
  messages: z.array(EvidenceMessage),
});
/**
 * evidence.json as written now: version 3 when a message has a batch proof, else version 2. By
 * `format`, so that a problem is reported where it is (e.g. a version 2 message with a `proof`).
 */
export const EvidenceJson = z.discriminatedUnion('format', [EvidenceJsonV3, EvidenceJsonV2]);
export type EvidenceJson = z.infer<typeof EvidenceJson>;
export const EvidenceJsonV1 = z.strictObject({
  format: z.literal(EVIDENCE_FORMAT_V1),
  ...evidenceFields,
  messages: z.array(EvidenceMessageV1),
});
export type EvidenceJsonV1 = z.infer<typeof EvidenceJsonV1>;
/** evidence.json of any version. */
export const AnyEvidenceJson = z.discriminatedUnion('format', [
  EvidenceJsonV3,
  EvidenceJsonV2,
  EvidenceJsonV1,
]);

const SeqRanges = z.array(z.tuple([Seq, Seq]));

/** A key that signed covered messages, and which of them (attestation version 2). */
export const StatementKey = z.strictObject({
  keyId: KeyId,
  /** Raw 32-byte Ed25519 public key, hex. */
  publicKey: Hex64,
  /** The covered seqs this key signed, as sorted, disjoint, inclusive ranges. */
  ranges: SeqRanges,
});
export type StatementKey = z.infer<typeof StatementKey>;

const statementFields = {
  conversationId: z.string(),
  participants: z.array(Participant),
  scope: Scope,
  firstSeq: Seq,
  lastSeq: Seq,
  count: Seq,
  headHash: Hex64,
  /** The covered seqs as sorted, disjoint, inclusive [first, last] ranges. */
  ranges: SeqRanges,
  /** SHA-256 of JCS of the covered messages' digest entries (docs/evidence.md § Attestation). */
  messagesDigest: Hex64,
  issuedAt: IsoUtc,
  /** The key that signs this statement. */
  keyId: z.string(),
};
export const AttestationStatement = z.strictObject({
  v: z.literal(ATTESTATION_VERSION),
  ...statementFields,
  /** Every key that signed a covered message, sorted by keyId, with the seqs it signed. */
  keys: z.array(StatementKey),
});
export type AttestationStatement = z.infer<typeof AttestationStatement>;
export const AttestationStatementV1 = z.strictObject({
  v: z.literal(ATTESTATION_VERSION_V1),
  ...statementFields,
});
export type AttestationStatementV1 = z.infer<typeof AttestationStatementV1>;

export const Attestation = z.strictObject({ statement: AttestationStatement, signature: Hex128 });
export type Attestation = z.infer<typeof Attestation>;
export const AttestationV1 = z.strictObject({ statement: AttestationStatementV1, signature: Hex128 });
export type AttestationV1 = z.infer<typeof AttestationV1>;
/** attestation.json of either version. */
export const AnyAttestation = z.union([Attestation, AttestationV1]);

export const PublicKeyEntry = z.strictObject({
  alg: z.literal('Ed25519'),
  /** Raw 32-byte Ed25519 public key, hex. */
  publicKey: Hex64,
  keyId: z.string(),
});
export type PublicKeyEntry = z.infer<typeof PublicKeyEntry>;

/** server-key.json, version 2: every key that signed the attestation or a message of the bundle. */
export const ServerKey = z.strictObject({
  format: z.literal(SERVER_KEY_FORMAT),
  keys: z.array(PublicKeyEntry),
  url: z.nullable(z.string()),
});
export type ServerKey = z.infer<typeof ServerKey>;
/** server-key.json, version 1: the one key that signed everything. */
export const ServerKeyV1 = z.strictObject({
  format: z.literal(SERVER_KEY_FORMAT_V1),
  alg: z.literal('Ed25519'),
  publicKey: Hex64,
  keyId: z.string(),
  url: z.nullable(z.string()),
});
export type ServerKeyV1 = z.infer<typeof ServerKeyV1>;
export const AnyServerKey = z.union([ServerKey, ServerKeyV1]);

/**
 * `GET /.well-known/tradewind/server-key.json`: the server's current key (top-level `alg`,
 * `publicKey`, `keyId`, as before key replacement existed) and every key it has signed with
 * (`keys`, current first, then retired ones). Clients parse it with this schema; pinning with it
 * means: the bundle's attestation key must be one of `keys`.
 */
export const WellKnownServerKeys = z.object({
  format: z.literal(WELL_KNOWN_KEYS_FORMAT),
  alg: z.literal('Ed25519'),
  publicKey: Hex64,
  keyId: KeyId,
  keys: z
    .array(
      z.strictObject({
        alg: z.literal('Ed25519'),
        publicKey: Hex64,
        keyId: KeyId,
        status: z.enum(['current', 'retired']),
        /** ISO 8601 UTC time the key was retired; absent for the current key. */
        retiredAt: z.optional(IsoUtc),
      }),
    )
    .check(z.minLength(1)),
});
export type WellKnownServerKeys = z.infer<typeof WellKnownServerKeys>;

export const ManifestEntry = z.strictObject({ path: z.string(), size: Count, sha256: Hex64 });
export const Manifest = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  algorithm: z.literal('SHA-256'),
  files: z.array(ManifestEntry),
});
export type Manifest = z.infer<typeof Manifest>;
