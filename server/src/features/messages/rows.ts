/** The messages table's row and its protocol shape. */
import type { AttachmentRef, Message, OrderRef } from '../../../../shared/protocol';

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
  sent_at: string;
  prev_hash: string;
  hash: string;
  signature: string;
  key_id: string;
}

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
    sentAt: r.sent_at,
    prevHash: r.prev_hash,
    hash: r.hash,
    signature: r.signature,
  };
}
