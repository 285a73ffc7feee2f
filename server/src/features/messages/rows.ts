/** The messages table's row and its protocol shape. */
import type {
  AttachmentRef,
  AutomaticReply,
  BatchProof,
  Message,
  OrderRef,
} from '../../../../shared/protocol';

export interface MessageRow {
  conversation_id: string;
  seq: number;
  sender: string;
  client_id: string;
  text: string;
  lang: string | null;
  translation: { text: string; lang: string } | null;
  attachments: AttachmentRef[];
  order_ref: OrderRef | null;
  /** Edits and retractions (migration 401); null on ordinary messages. */
  change_kind: 'edit' | 'retract' | null;
  change_seq: number | null;
  /** Replies (migration 410); null when the message replies to nothing. */
  reply_seq: number | null;
  /** Automatic replies (migration 610); null on every other message. */
  automatic?: AutomaticReply | null;
  sent_at: string;
  prev_hash: string;
  hash: string;
  signature: string;
  key_id: string;
  /**
   * A batch signature's inclusion proof, as messages were stored from migration 710 to 711; null
   * on the others (proofs.ts makes a later batched message's proof from its batch).
   */
  proof?: BatchProof | null;
  /**
   * The message's batch and its place in it (migration 711); null when it was signed alone.
   * bigint: text from PostgreSQL, a number (a bigint past 2^53) from PGlite.
   */
  batch_id?: string | number | bigint | null;
  batch_index?: number | null;
}

/**
 * The columns `toMessage` reads, for the live reads (sync pages, a resend's stored message): not
 * the batch columns (`proof`, `batch_id`, `batch_index`), which only an export reads.
 */
export const LIVE_COLUMNS =
  'conversation_id, seq, sender, client_id, text, lang, translation, attachments, order_ref, change_kind, change_seq, reply_seq, automatic, sent_at, prev_hash, hash, signature, key_id';

/**
 * A stored message as it goes live (`message:new`, a duplicate's ack, `sync:messages`): without
 * its batch proof, which only an export needs (`evidence:attest` answers it, `toEvidenceMessage`).
 */
export function toMessage(r: MessageRow): Message {
  return {
    conversationId: r.conversation_id,
    seq: r.seq,
    clientId: r.client_id,
    sender: r.sender,
    text: r.text,
    lang: r.lang,
    translation: r.translation,
    attachments: r.attachments,
    order: r.order_ref,
    change: r.change_kind && r.change_seq !== null ? { kind: r.change_kind, seq: r.change_seq } : null,
    replyTo: r.reply_seq === null || r.reply_seq === undefined ? null : { seq: r.reply_seq },
    // Absent unless automatic, as the send path acks it (and as older servers answered).
    ...(r.automatic ? { automatic: r.automatic } : {}),
    sentAt: r.sent_at,
    prevHash: r.prev_hash,
    hash: r.hash,
    signature: r.signature,
  };
}

/**
 * A stored message as a bundle carries it: with its batch proof (`proofs`, by seq: `proofsOf`)
 * when it was signed with batch-mates (absent otherwise, as on a message stored before batch
 * signatures).
 */
export function toEvidenceMessage(r: MessageRow, proofs: ReadonlyMap<number, BatchProof>): Message {
  const m = toMessage(r);
  const proof = proofs.get(r.seq);
  if (proof) m.proof = proof;
  return m;
}
