/**
 * Evidence over the socket (docs/evidence.md § Producing bundles, docs/protocol.md).
 *
 * `evidence:attest` {conversationId, scope} → {attestation, publicKey, keyId, keyUrl}: the server
 * selects the scope's messages from its own records and signs a statement over them
 * (participants only). The client then builds the bundle with `buildBundle` from
 * shared/evidence/bundle.ts. Attachments travel over HTTP: `PUT`/`GET /api/attachments/<sha256>`.
 */
import { z } from 'zod';
import { Attestation as AttestationFormat, Scope as ScopeFormat } from '../evidence/format';
import type { Attestation, Scope } from '../evidence/format';

/** The scope of an export; the evidence format's own schema is the definition. */
export const EvidenceScope = z.custom<Scope>(
  (v) => ScopeFormat.safeParse(v).success,
  'Not an evidence scope.',
);

export const AttestRequest = z.object({
  conversationId: z.string().max(200),
  scope: EvidenceScope,
});
export type AttestRequest = z.infer<typeof AttestRequest>;

export const AttestResponse = z.object({
  attestation: z.custom<Attestation>((v) => AttestationFormat.safeParse(v).success, 'Not an attestation.'),
  /** The server's Ed25519 public key, 64 hex digits. */
  publicKey: z.string().regex(/^[0-9a-f]{64}$/),
  keyId: z.string(),
  /** Absolute URL of the published key when the server knows its own address, else its path. */
  keyUrl: z.string(),
});
export type AttestResponse = z.infer<typeof AttestResponse>;

/** HTTP path of an attachment's bytes. */
export const attachmentUrlPath = (sha256: string): string => `/api/attachments/${sha256}`;

/** What `PUT /api/attachments/<sha256>` answers (inside `{ ok: true, value }`). */
export const UploadedAttachment = z.object({
  sha256: z.string(),
  /** Type sniffed from the bytes by the server; use it in the message's AttachmentRef. */
  mime: z.string(),
  size: z.number().int().nonnegative(),
  /** false when the server already had these bytes. */
  created: z.boolean(),
});
export type UploadedAttachment = z.infer<typeof UploadedAttachment>;
