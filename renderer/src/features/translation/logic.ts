/**
 * Pure decisions of client-side translation (issue 4): which reading language applies, what a
 * message shows, which messages still need a `translate:texts` request, and when to retry.
 * No Dexie, no DOM: unit-tested in logic.test.ts.
 */
import type { TranslateItem, TranslationItemResult } from '../../../../shared/protocol/translation';
import { TRANSLATION_LIMITS } from '../../../../shared/protocol/translation';
import { sameLanguage } from '../../../../shared/domain/language';
import type { TranslationPrefsRow, TranslationRow } from './rows';

/** The fields of a message these decisions look at. */
export interface MessageLike {
  clientId: string;
  sender: string;
  text: string;
  lang: string | null;
  translation: { text: string; lang: string } | null;
}

/** The Dexie key of a cached translation. */
export function cacheKey(clientId: string, targetLang: string): [string, string] {
  return [clientId, targetLang];
}

/** The language this conversation is read in, or null when translation is off for it. */
export function readingLanguage(myReadLanguage: string, prefs: Pick<TranslationPrefsRow, 'readLanguage' | 'off'> | undefined): string | null {
  if (prefs?.off) return null;
  return prefs?.readLanguage ?? myReadLanguage;
}

/** A failed item as the client remembers it (in memory only: failures are never cached). */
export interface FailureState {
  code: 'quota_exceeded' | 'translation_unavailable' | 'unsupported';
  message: string;
  retryable: boolean;
  /** Attempts made so far. */
  attempts: number;
  /** When to ask again (ms since epoch), or null for never (not retryable). */
  retryAt: number | null;
}

/** What one message shows. */
export type Display =
  | { kind: 'own' }
  | { kind: 'plain' }
  | { kind: 'approved'; text: string; lang: string }
  | { kind: 'machine'; text: string; glossary: boolean }
  | { kind: 'pending' }
  | { kind: 'failed'; failure: FailureState };

/**
 * What a message shows to the reader `me` reading in `target` (null = translation off):
 * my own messages and text already in my language as they are; the sender-approved translation
 * when it is in my language; else the cached machine translation, or its pending/failed state.
 */
export function displayOf(
  m: MessageLike,
  me: string,
  target: string | null,
  cached: TranslationRow | undefined,
  failure: FailureState | undefined,
): Display {
  if (m.sender === me) return { kind: 'own' };
  if (target === null || m.text.trim() === '') return { kind: 'plain' };
  if (m.lang && sameLanguage(m.lang, target)) return { kind: 'plain' };
  if (m.translation && sameLanguage(m.translation.lang, target)) return { kind: 'approved', text: m.translation.text, lang: m.translation.lang };
  if (cached) return cached.state === 'original' ? { kind: 'plain' } : { kind: 'machine', text: cached.text, glossary: cached.glossary };
  if (failure) return { kind: 'failed', failure };
  return { kind: 'pending' };
}

/**
 * The `translate:texts` items still to ask for: incoming messages that show "pending" and are
 * not already in flight, and failed ones whose retry time has come. Chunked to the request limit.
 */
export function itemsToRequest(
  messages: readonly MessageLike[],
  me: string,
  target: string | null,
  cached: ReadonlyMap<string, TranslationRow>,
  failures: ReadonlyMap<string, FailureState>,
  inFlight: ReadonlySet<string>,
  now: number,
): TranslateItem[][] {
  if (target === null) return [];
  const items: TranslateItem[] = [];
  for (const m of messages) {
    if (inFlight.has(m.clientId)) continue;
    const failure = failures.get(m.clientId);
    const d = displayOf(m, me, target, cached.get(m.clientId), failure);
    const due = d.kind === 'pending' || (d.kind === 'failed' && failure?.retryAt != null && failure.retryAt <= now);
    if (!due) continue;
    items.push(m.lang ? { id: m.clientId, text: m.text, sourceLang: m.lang } : { id: m.clientId, text: m.text });
  }
  return chunk(items, TRANSLATION_LIMITS.itemsPerRequest);
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Retry schedule: the server's hint (or 5 s), doubled per earlier attempt, capped at 10 min, ±10 % jitter. */
export const RETRY = { baseMs: 5_000, maxMs: 10 * 60_000, maxAttempts: 8 } as const;

export function retryDelayMs(attempts: number, hintMs: number | null, random: () => number = Math.random): number {
  const base = Math.max(hintMs ?? RETRY.baseMs, 1_000);
  const raw = Math.min(base * 2 ** Math.max(0, attempts - 1), RETRY.maxMs);
  return Math.round(raw * (0.9 + 0.2 * random()));
}

/** The next failure state after a failed answer (attempts counts this one). */
export function nextFailure(
  prev: FailureState | undefined,
  r: Extract<TranslationItemResult, { state: 'failed' }>,
  now: number,
  random?: () => number,
): FailureState {
  const attempts = (prev?.attempts ?? 0) + 1;
  const retry = r.retryable && attempts < RETRY.maxAttempts;
  return {
    code: r.code,
    message: r.message,
    retryable: retry,
    attempts,
    retryAt: retry ? now + retryDelayMs(attempts, r.retryAfterMs, random) : null,
  };
}

/** The earliest retry time among failures, or null. */
export function nextRetryAt(failures: ReadonlyMap<string, FailureState>): number | null {
  let at: number | null = null;
  for (const f of failures.values()) if (f.retryAt !== null && (at === null || f.retryAt < at)) at = f.retryAt;
  return at;
}

/** A result to store in the cache, or null for a failure (never cached). */
export function toCacheRow(
  r: TranslationItemResult,
  targetLang: string,
  conversationId: string,
  nowIso: string,
): TranslationRow | null {
  if (r.state === 'translated')
    return { clientId: r.id, targetLang, conversationId, text: r.text, detectedSourceLang: r.detectedSourceLang, glossary: r.glossary, state: 'translated', storedAt: nowIso };
  if (r.state === 'original')
    return { clientId: r.id, targetLang, conversationId, text: '', detectedSourceLang: r.detectedSourceLang ?? '', glossary: false, state: 'original', storedAt: nowIso };
  return null;
}

/** Composer preview: the approved translation to send, or undefined when there is none to send. */
export function approvedTranslation(
  draft: string,
  preview: { forText: string; targetLang: string; result: TranslationItemResult } | null,
): { text: string; lang: string } | undefined {
  if (!preview || preview.forText !== draft.trim() || preview.result.state !== 'translated') return undefined;
  return { text: preview.result.text, lang: preview.targetLang };
}

/** The partner's language for the composer preview: the first of their languages, if it differs from mine. */
export function partnerLanguage(partnerLanguages: readonly string[], myLanguage: string): string | null {
  const first = partnerLanguages[0];
  if (!first || sameLanguage(first, myLanguage)) return null;
  return first;
}
