/**
 * Which DeepL failures are worth retrying, and how long to wait. deepl-node's errors are told
 * apart with `instanceof` — their `name` is always 'Error'. Plain `DeepLError`s carry the HTTP
 * status only in their message ("Unexpected status code: 502 …", "Service unavailable…",
 * "Bad request…", "Not found…"), so 5xx vs 4xx is read from there.
 *
 * deepl-node itself never retries here: the engine sets `maxRetries: 1` (one attempt), so every
 * retry is ours, decided below. Transport failures are read from the axios error code that
 * deepl-node keeps on `ConnectionError.error`, not from its `shouldRetry` flag, whose set of codes
 * differs between releases (1.28, the one installed, flags ETIMEDOUT, ECONNABORTED, ECONNRESET,
 * EPIPE and EAI_AGAIN; earlier releases flagged only timeouts and aborts).
 */
import * as deepl from 'deepl-node';
import type { TranslationFailureCode } from '../../../../shared/protocol';

export interface Classified {
  code: TranslationFailureCode;
  /**
   * Retry inside the service now, by `withRetry`: 429, 5xx, timeouts and transient transport
   * errors (connection reset, broken pipe, temporary DNS failure). A refused connection or an
   * unknown host is "network down": not retried inline, the client asks again later.
   */
  retryInline: boolean;
  /** Hint to the client: asking again later may work. */
  retryable: boolean;
  retryAfterMs: number | null;
  /** English sentence for the client; the log gets `kind` and the original error. */
  message: string;
  kind:
    | 'quota'
    | 'auth'
    | 'rate_limited'
    | 'server'
    | 'timeout'
    | 'network'
    | 'network_down'
    /** DeepL refused the request with a 4xx of its own (400, 413 …), not one of the classes above. */
    | 'bad_request'
    | 'glossary_missing'
    | 'not_found'
    | 'unknown';
}

const UNAVAILABLE = 'Translation is unavailable right now; the message is shown in the original.';

/** Transport errors (axios codes) that usually pass: a dropped connection, a broken pipe, DNS hiccup. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'EAI_AGAIN']);

/** "Unavailable right now", retried inside the service (429, 5xx, timeouts, transient transport). */
const retryNow = (kind: Classified['kind'], retryAfterMs: number): Classified => ({
  code: 'translation_unavailable',
  retryInline: true,
  retryable: true,
  retryAfterMs,
  message: UNAVAILABLE,
  kind,
});

/** "Unavailable", not retried here; `retryAfterMs` (network down) tells the client to ask later. */
const unavailable = (kind: Classified['kind'], retryAfterMs: number | null = null): Classified => ({
  code: 'translation_unavailable',
  retryInline: false,
  retryable: retryAfterMs !== null,
  retryAfterMs,
  message: UNAVAILABLE,
  kind,
});

export function classifyDeeplError(err: unknown): Classified {
  if (err instanceof deepl.QuotaExceededError)
    return {
      code: 'quota_exceeded',
      retryInline: false,
      retryable: false,
      retryAfterMs: null,
      message: "This server's DeepL translation quota is used up; messages are shown in the original.",
      kind: 'quota',
    };
  if (err instanceof deepl.AuthorizationError) return unavailable('auth');
  if (err instanceof deepl.TooManyRequestsError) return retryNow('rate_limited', 5_000);
  // deepl-node raises GlossaryNotFoundError only from its glossary endpoints. A /v2/translate
  // naming a glossary DeepL no longer has is answered 400 {"message":"Glossary not found"}
  // (deepl-node: DeepLError "Bad request, message: Glossary not found"), by some deployments 404
  // (DeepLError "Not found…"); both are read below. The service repairs the glossary on either
  // when the request used one, and answers any other 4xx of such a request once without it.
  if (err instanceof deepl.GlossaryNotFoundError) return unavailable('glossary_missing');
  if (err instanceof deepl.ConnectionError) {
    const code = (err.error as { code?: unknown } | undefined)?.code;
    const timeout = code === 'ETIMEDOUT' || code === 'ECONNABORTED' || /timeout/i.test(err.message);
    const transient =
      timeout ||
      (typeof code === 'string' && TRANSIENT_CODES.has(code)) ||
      (code === undefined && err.shouldRetry);
    return transient
      ? retryNow(timeout ? 'timeout' : 'network', 10_000)
      : unavailable('network_down', 30_000);
  }
  if (err instanceof deepl.DeepLError) {
    const status = /^Unexpected status code: (\d{3})/.exec(err.message)?.[1];
    if (/^Service unavailable/.test(err.message) || (status !== undefined && status.startsWith('5')))
      return retryNow('server', 10_000);
    if (/^Bad request/.test(err.message))
      return unavailable(
        /message: Glossary not found\b/i.test(err.message) ? 'glossary_missing' : 'bad_request',
      );
    if (/^Not found/.test(err.message)) return unavailable('not_found');
    // Any other 4xx (413, 414, 422 …; 403, 429 and 456 have their own classes above).
    if (status !== undefined && status.startsWith('4')) return unavailable('bad_request');
  }
  return unavailable('unknown');
}

export interface BackoffPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseMs: number;
  factor: number;
  maxMs: number;
  /** ±fraction of the delay, e.g. 0.25 → between 0.75× and 1.25×. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  maxAttempts: 3,
  baseMs: 500,
  factor: 2,
  maxMs: 8_000,
  jitter: 0.25,
};

/** Delay before retry number `retry` (1 = the first retry). `random` returns [0, 1). */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number): number {
  const raw = Math.min(policy.baseMs * policy.factor ** (retry - 1), policy.maxMs);
  return Math.round(raw * (1 + policy.jitter * (2 * random() - 1)));
}

export interface RetryHooks {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (retry: number, delayMs: number, classified: Classified) => void;
}

/** Runs `fn`, retrying per `classifyDeeplError` and `policy`; rejects with `{classified, error}`. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: BackoffPolicy,
  hooks: RetryHooks,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const classified = classifyDeeplError(error);
      if (!classified.retryInline || attempt >= policy.maxAttempts)
        throw new TranslationFailure(classified, error);
      const delay = backoffDelay(attempt, policy, hooks.random);
      hooks.onRetry?.(attempt, delay, classified);
      await hooks.sleep(delay);
    }
  }
}

/** A DeepL failure after retries, classified. */
export class TranslationFailure extends Error {
  constructor(
    readonly classified: Classified,
    override readonly cause: unknown,
  ) {
    super(classified.message);
    this.name = 'TranslationFailure';
  }
}
