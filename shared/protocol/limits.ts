/** Documented size limits (docs/protocol.md § Limits). The server rejects anything larger with `too_large` or `bad_request`. */
export const LIMITS = {
  /** Characters of message text. */
  textChars: 8000,
  displayName: 80,
  passwordMin: 8,
  passwordMax: 256,
  note: 4000,
  attachmentsPerMessage: 10,
  /** Bytes of one attachment (photo or file). */
  attachmentBytes: 25 * 1024 * 1024,
  /** Messages per sync page. */
  syncPage: 200,
  /** Conversations (cursors) per `sync:batch` request (issue 10: a seller's catch-up). */
  syncBatchConversations: 500,
  /** Messages in one `sync:batch` answer, over all its pages (about 1 MB of JSON). */
  syncBatchMessages: 1000,
  /** Conversations per `message:receipts` request (issue 10: the receipts a seller's catch-up owes). */
  receiptsBatch: 500,
  /** Conversation summaries per `sync:conversations` page (when the client asks for pages). */
  conversationsPage: 1000,
  /** Pixels of a photo's width or height as the sender states them. */
  imageSide: 100_000,
  /**
   * The largest counter a request may name (a seq, a version): the store keeps them as 32-bit
   * integers, so anything larger is refused by the schema instead of failing in the store.
   */
  int32: 2_147_483_647,
  /**
   * Bytes of one socket.io packet (maxHttpBufferSize): the transport ceiling, a packet above it
   * closes the connection. Kept well above the largest payload the schemas accept (100 texts of
   * 8000 characters in `translate:texts` is at most ~2.5 MB of JSON: the text rules refuse the
   * control characters JSON escapes as `\uXXXX`, so a character takes at most three bytes), so
   * a payload over a schema limit reaches the server and is answered `too_large` instead
   * (docs/protocol.md § Limits; checked by server/src/platform/socket/limits.test.ts).
   */
  packetBytes: 8 * 1024 * 1024,
} as const;

/**
 * Minutes after sending during which a sender may edit or retract a message, unless the operator
 * sets `TRADEWIND_EDIT_WINDOW_MINUTES` (docs/operations.md). Clients offer the actions within it.
 */
export const DEFAULT_EDIT_WINDOW_MINUTES = 15;
