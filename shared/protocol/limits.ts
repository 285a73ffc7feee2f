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
  /** Bytes of one socket.io packet (maxHttpBufferSize). */
  packetBytes: 1024 * 1024,
} as const;
