/**
 * Conversations and their messages. One room for everything that reads or writes the
 * conversations, messages and receipts tables, as small modules of their own:
 * - feature.ts  message:send (store, sign, ack, push);
 * - sync.ts     sync:conversations, sync:messages, sync:batch (catch-up paged by seq);
 * - receipts.ts message:receipt, message:receipts (delivered/read, monotonic; many at once);
 * - typing.ts   typing:set (relayed, never stored; allowed only within a conversation or a list entry);
 * - service.ts  the SQL: seq, hash chain, signatures, receipts;
 * - history.ts  a batch appended in one transaction, chained and signed (operator/bench seeding);
 * - proofs.ts   batch proofs of stored messages, made from their batch's leaves for an export.
 * Sync, receipts and typing live here rather than in folders of their own because each is a
 * handful of lines over the same tables and rules (`requireParticipant`, the conversation row).
 */
export { messagesFeature } from './feature';
export { syncFeature } from './sync';
export { receiptsFeature } from './receipts';
export { typingFeature } from './typing';
export {
  recordReceipt,
  sendAutomatic,
  sendMessage,
  toEvidenceMessage,
  toMessage,
  type MessageRow,
} from './service';
export { appendHistory, type HistoryItem } from './history';
export { PROOF_COLUMNS, proofsOf, type ProofColumns } from './proofs';
