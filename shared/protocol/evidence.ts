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
import { ConversationIdField } from './schemas';
import { textProblem } from './text';

/**
 * The scope of an export; the evidence format's own schema is the definition. A request's scope
 * also follows the text rules (an order number is a text field like any other) and names real
 * times: the format's pattern alone would let 2026-02-30 through to the store.
 */
export const EvidenceScope = z
  .custom<Scope>((v) => ScopeFormat.safeParse(v).success, 'Not an evidence scope.')
  .superRefine((scope, ctx) => {
    if (scope.kind === 'order') {
      const problem = textProblem(scope.orderNo, 'order number');
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['orderNo'] });
    }
    if (scope.kind === 'dateRange')
      for (const key of ['from', 'to'] as const)
        if (!isRealUtcTime(scope[key]))
          ctx.addIssue({
            code: 'custom',
            message: `The scope's "${key}" is not a real date and time.`,
            path: [key],
          });
  });

/** A time of the format's pattern that names a real moment, year 1 to 9999 (2026-02-30 does not). */
function isRealUtcTime(iso: string): boolean {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || iso.startsWith('0000')) return false;
  return new Date(ms).toISOString().slice(0, 19) === iso.slice(0, 19);
}

export const AttestRequest = z.object({
  conversationId: ConversationIdField,
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
