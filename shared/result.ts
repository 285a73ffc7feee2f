/**
 * Errors are data. Every request across a boundary (socket ack, IPC, HTTP) answers with a
 * `Result`. `code` comes from the closed union below; `message` is an English sentence for logs
 * and for clients that have no translation of the code. Stack traces never leave the process.
 */
export const ERROR_CODES = [
  'bad_request', // payload failed schema validation
  'unauthenticated', // no or invalid session
  'forbidden', // authenticated but not allowed (not a participant, not a contact, ...)
  'not_found',
  'conflict', // e.g. member id taken
  'invalid_credentials',
  'blocked', // the recipient blocked the sender
  'too_large', // over a documented size limit
  'rate_limited',
  'quota_exceeded', // translation budget or DeepL quota used up
  'translation_unavailable', // no key, DeepL down, timeouts
  'unsupported', // e.g. a language DeepL does not offer
  'timeout', // the other side did not answer in time (client-side)
  'offline', // client-side: no connection
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  /** Optional machine-readable detail, e.g. the zod issue paths of a bad request. */
  details?: unknown;
}
export interface Success<T> {
  ok: true;
  value: T;
}
export type Result<T> = Success<T> | Failure;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: unknown): Failure =>
  details === undefined ? { ok: false, code, message } : { ok: false, code, message, details };

/** An error that carries a code; services throw it, the transport turns it into a Failure. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Turns anything thrown into a Failure without leaking internals. */
export function toFailure(err: unknown): Failure {
  if (err instanceof AppError) return fail(err.code, err.message, err.details);
  return fail('internal', 'Something went wrong on our side. Please try again.');
}
