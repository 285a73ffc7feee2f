/**
 * Evidence over the socket (docs/evidence.md § Producing bundles, docs/protocol.md).
 *
 * `evidence:attest` {conversationId, scope} → {attestation, publicKey, keyId, keyUrl, proofs?}: the
 * server selects the scope's messages from its own records and signs a statement over them
 * (participants only), and answers the batch proofs of those that have one — live messages go
 * without (docs/evidence.md § Batch signatures). The client then builds the bundle with `buildBundle` from
 * shared/evidence/bundle.ts. Attachments travel over HTTP: `PUT`/`GET /api/attachments/<sha256>`.
 */
import { z } from 'zod';
import { Attestation as AttestationFormat, Scope as ScopeFormat } from '../evidence/format';
import type { Attestation, Scope } from '../evidence/format';
import { BatchProof, ConversationIdField } from './schemas';
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
  /**
   * The batch proof of each attested message signed with batch-mates, in seq order; absent or
   * empty when there is none (and from servers that sent proofs with the messages themselves).
   */
  proofs: z.array(z.object({ seq: z.number().int().positive(), proof: BatchProof })).optional(),
});
export type AttestResponse = z.infer<typeof AttestResponse>;

/**
 * `messages` with the batch proofs of an `evidence:attest` answer put in by seq, for a bundle: the
 * live messages come without them (docs/evidence.md § Batch signatures). A message's own proof
 * (an older server sent it with the message) stays where the answer has none.
 */
export function withAttestedProofs<M extends { seq: number; proof?: BatchProof | null }>(
  messages: readonly M[],
  proofs: AttestResponse['proofs'],
): M[] {
  if (!proofs || proofs.length === 0) return [...messages];
  const bySeq = new Map(proofs.map((p) => [p.seq, p.proof]));
  return messages.map((m) => {
    const proof = bySeq.get(m.seq);
    return proof ? { ...m, proof } : m;
  });
}

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
