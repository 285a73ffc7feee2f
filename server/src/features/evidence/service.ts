/**
 * Evidence on the server: attestations for participants (`evidence:attest`) and whole bundles for
 * the operator CLI (`npm run server -- evidence export …`), both from the server's own records.
 * The format and the algorithm: docs/evidence.md.
 */
import { createHash } from 'node:crypto';
import type {
  Attestation,
  ExportOptions,
  MachineTranslation,
  Participant,
  Scope,
} from '../../../../shared/evidence/format';
import { createAttestation, selectMessages } from '../../../../shared/evidence/attestation';
import { buildBundle, type Bundle } from '../../../../shared/evidence/bundle';
import { bytesToHex } from '../../../../shared/evidence/chain';
import { participantsOf } from '../../../../shared/protocol';
import type { AttestResponse, BatchProof, Message } from '../../../../shared/protocol';
import { AppError } from '../../../../shared/result';
import { attachmentBytes } from '../attachments';
import type { Queryable } from '../../platform/db/store';
import { SERVER_KEY_PATH } from '../../platform/http/core';
import { PROOF_COLUMNS, proofsOf, toEvidenceMessage, type MessageRow, type ProofColumns } from '../messages';
import { cachedTranslations } from '../translation';
import type { SigningKey } from '../../platform/signing/signingKey';

/** The participants as the attestation records them (display name and time zone at issue time). */
export async function loadParticipants(db: Queryable, conversationId: string): Promise<Participant[]> {
  const ids = participantsOf(conversationId);
  if (!ids) throw new AppError('not_found', 'There is no such conversation.');
  const rows = await db.query<{ member_id: string; display_name: string; time_zone: string }>(
    'select member_id, display_name, time_zone from users where member_id = any($1::text[]) order by member_id',
    [ids],
  );
  if (rows.length !== 2) throw new AppError('not_found', 'There is no such conversation.');
  return rows.map((r) => ({ memberId: r.member_id, displayName: r.display_name, timeZone: r.time_zone }));
}

/**
 * Every message of a conversation, in seq order, as stored, each with its batch proof when
 * `proofs` (by seq) has it: `attestScope` made those of the messages its attestation covers.
 */
export async function loadMessages(
  db: Queryable,
  conversationId: string,
  proofs: ReadonlyMap<number, BatchProof>,
): Promise<Message[]> {
  const rows = await db.query<MessageRow>('select * from messages where conversation_id = $1 order by seq', [
    conversationId,
  ]);
  return rows.map((r) => toEvidenceMessage(r, proofs));
}

/** An attestation and the batch proofs of the messages it covers that have one, in seq order. */
export interface AttestedScope {
  attestation: Attestation;
  proofs: NonNullable<AttestResponse['proofs']>;
}

/** The attested selection of a scope, from the server's records. */
export async function attestScope(
  db: Queryable,
  key: SigningKey,
  conversationId: string,
  scope: Scope,
  now: Date,
): Promise<AttestedScope> {
  const participants = await loadParticipants(db, conversationId);
  const rows = await db.query<
    Pick<MessageRow, 'sent_at' | 'order_ref' | 'attachments' | 'key_id' | 'change_seq'> & ProofColumns
  >(
    `select sent_at, order_ref, attachments, key_id, change_seq, ${PROOF_COLUMNS} from messages where conversation_id = $1 order by seq`,
    [conversationId],
  );
  const selected = selectMessages(
    rows.map((r) => ({
      seq: r.seq,
      hash: r.hash,
      sentAt: r.sent_at,
      order: r.order_ref,
      attachments: r.attachments,
      keyId: r.key_id,
      change: r.change_seq === null ? null : { seq: r.change_seq },
    })),
    scope,
  );
  if (selected.length === 0)
    throw new AppError('not_found', 'No message of this conversation falls within the chosen scope.');
  const known = new Set([key.keyId, ...key.retired.map((r) => r.keyId)]);
  const unknown = selected.find((m) => !known.has(m.keyId));
  if (unknown) {
    // Only an operator who replaced the key without keeping the old one gets here.
    throw new AppError(
      'internal',
      `Message ${unknown.seq} was signed by key ${unknown.keyId}, which the server key file no longer lists; the operator must add it to "retired" (docs/operations.md).`,
    );
  }
  const attestation = createAttestation({
    conversationId,
    participants,
    scope,
    messages: selected,
    issuedAt: now.toISOString(),
    publicKey: key.publicKey,
    messageKeys: key.retired.map((r) => r.publicKey),
    secretKey: key.secretKey,
  });
  // The live messages went without their proofs (docs/evidence.md § Batch signatures): a client's
  // bundle takes them from here. Made for the selected messages only (their batches read once).
  const chosen = new Set(selected.map((m) => m.seq));
  const bySeq = await proofsOf(
    db,
    rows.filter((r) => chosen.has(r.seq)),
  );
  const proofs = selected.flatMap((m) => {
    const proof = bySeq.get(m.seq);
    return proof ? [{ seq: m.seq, proof }] : [];
  });
  return { attestation, proofs };
}

/** The absolute URL of the server's key document under a base URL. */
export function keyUrlOf(baseUrl: string): string {
  return new URL(SERVER_KEY_PATH, baseUrl).href;
}

export async function attestForParticipant(
  db: Queryable,
  key: SigningKey,
  memberId: string,
  conversationId: string,
  scope: Scope,
  now: Date,
  baseUrl: string | null,
): Promise<AttestResponse> {
  const ids = participantsOf(conversationId);
  if (!ids?.includes(memberId))
    throw new AppError('forbidden', 'Only the participants of a conversation can export it.');
  const { attestation, proofs } = await attestScope(db, key, conversationId, scope, now);
  const answer: AttestResponse = {
    attestation,
    publicKey: bytesToHex(key.publicKey),
    keyId: key.keyId,
    keyUrl: baseUrl ? keyUrlOf(baseUrl) : '',
  };
  // Absent when no message was signed with batch-mates, as older servers answered.
  if (proofs.length > 0) answer.proofs = proofs;
  return answer;
}

export interface OperatorExport {
  conversationId: string;
  scope: Scope;
  options: ExportOptions;
  claim?: string;
  disputeId?: string;
  /**
   * The operator's public URL (`TRADEWIND_PUBLIC_URL` or `--base-url`): the bundle's `keyUrl` is
   * the key document under it; null writes no key URL (never a relative one).
   */
  baseUrl?: string | null;
  /** Where attachment files are (`attachmentsDirOf`); null = bytes in the database. */
  attachmentsDir?: string | null;
  now: Date;
}

/** The same bundle a participant would export, built from the server's records (operator CLI). */
export async function exportFromServer(db: Queryable, key: SigningKey, x: OperatorExport): Promise<Bundle> {
  const { attestation, proofs } = await attestScope(db, key, x.conversationId, x.scope, x.now);
  const bySeq = new Map(proofs.map((p) => [p.seq, p.proof]));
  const messages = selectMessages(await loadMessages(db, x.conversationId, bySeq), x.scope);
  const shas = [...new Set(messages.flatMap((m) => m.attachments.map((a) => a.sha256)))];
  const bytes = x.options.attachments
    ? await attachmentBytes(db, x.attachmentsDir ?? null, shas)
    : new Map<string, Uint8Array>();
  const [a, b] = participantsOf(x.conversationId) ?? ['', ''];
  const machineTranslations = x.options.translations ? await machineTranslationsOf(db, [a, b], messages) : [];
  return buildBundle({
    messages,
    attachmentBytes: (s) => bytes.get(s),
    attestation,
    serverPublicKey: key.publicKey,
    keyUrl: x.baseUrl ? keyUrlOf(x.baseUrl) : null,
    scope: x.scope,
    options: x.options,
    claim: x.claim ?? '',
    disputeId: x.disputeId ?? '',
    exportedAt: x.now.toISOString(),
    exportedBy: null,
    machineTranslations,
    partner: `${a}_${b}`,
    sha256: (data) => createHash('sha256').update(data).digest('hex'),
  });
}

const baseLang = (code: string | null): string => (code ?? '').toLowerCase().split('-')[0] ?? '';

/**
 * The machine translations the server has cached for these messages, into each participant's
 * reading language, as the app's bundles carry the ones its reader saw: none into the message's
 * own language or into the language of the translation its sender approved.
 */
async function machineTranslationsOf(
  db: Queryable,
  memberIds: readonly string[],
  messages: readonly Message[],
): Promise<MachineTranslation[]> {
  const rows = await db.query<{ read_language: string }>(
    'select read_language from users where member_id = any($1::text[])',
    [memberIds],
  );
  const cached = await cachedTranslations(
    db,
    messages.map((m) => m.text),
    rows.map((r) => r.read_language),
  );
  const out: MachineTranslation[] = [];
  for (const m of messages) {
    for (const t of cached.get(m.text) ?? []) {
      const lang = baseLang(t.lang);
      if (lang !== baseLang(m.lang) && lang !== baseLang(m.translation?.lang ?? null))
        out.push({ seq: m.seq, lang: t.lang, text: t.text });
    }
  }
  return out;
}
