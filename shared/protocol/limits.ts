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
  /**
   * Bytes of one socket.io packet (maxHttpBufferSize): the transport ceiling, a packet above it
   * closes the connection. Kept well above the largest payload the schemas accept (100 texts of
   * 8000 characters in `translate:texts` is at most ~4.9 MB of JSON even if every character is
   * escaped as `\uXXXX`), so a payload over a schema limit reaches the server and is answered
   * `too_large` instead (docs/protocol.md § Limits; checked by
   * server/src/platform/socket/limits.test.ts).
   */
  packetBytes: 8 * 1024 * 1024,
} as const;
