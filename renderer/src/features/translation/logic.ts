/**
 * Pure decisions of client-side translation (issue 4): which reading language applies, what a
 * message shows, which messages still need a `translate:texts` request, and when to retry.
 * No Dexie, no DOM: unit-tested in logic.test.ts.
 */
import { cleanTypedText, LanguageCode } from '../../../../shared/protocol';
import type { TranslateItem, TranslationItemResult } from '../../../../shared/protocol/translation';
import { TRANSLATION_LIMITS } from '../../../../shared/protocol/translation';
import { detectLanguage, sameLanguage } from '../../../../shared/domain/language';
import type { TranslationPrefsRow, TranslationRow } from '../../db/rows/translation';

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
export function readingLanguage(
  myReadLanguage: string,
  prefs: Pick<TranslationPrefsRow, 'readLanguage' | 'off'> | undefined,
): string | null {
  if (prefs?.off) return null;
  return prefs?.readLanguage ?? myReadLanguage;
}

/**
 * The language a conversation's incoming messages show in, or null: none when my row is not known
 * yet, the server translates nothing (`translates` false: no DeepL key, not a demo), "translate
 * automatically" is off, or translation is off for the conversation. The view's hook and the
 * first screen's early read (early.ts) both decide by this, so the two agree.
 */
export function readingTarget(
  me: { readLanguage: string } | null | undefined,
  translates: boolean,
  autoTranslate: boolean | undefined,
  prefs: Pick<TranslationPrefsRow, 'readLanguage' | 'off'> | undefined,
): string | null {
  return me && translates && autoTranslate !== false ? readingLanguage(me.readLanguage, prefs) : null;
}

/** A failed item as the client remembers it (in memory only: failures are never cached). */
export interface FailureState {
  code: 'quota_exceeded' | 'translation_unavailable' | 'unsupported';
  message: string;
  /** For `unsupported`: the language DeepL does not offer. */
  lang?: string;
  retryable: boolean;
  /** Attempts made so far. */
  attempts: number;
  /** When to ask again (ms since epoch), or null for never (not retryable). */
  retryAt: number | null;
}

/** What one message shows. */
export type Display =
  /**
   * My own message, shown as I wrote it, with what the partner was shown: `sentAs`, the
   * translation I approved (it travelled with the message), or — when there is none and the
   * partner reads another language — `partnerMachine`: they get DeepL's machine translation.
   */
  | { kind: 'own'; sentAs: { text: string; lang: string } | null; partnerMachine: string | null }
  | { kind: 'plain' }
  | { kind: 'approved'; text: string; lang: string }
  /** `demo`: a translation stored with the demo data, not DeepL's. */
  | { kind: 'machine'; text: string; glossary: boolean; demo?: true }
  | { kind: 'pending' }
  | { kind: 'failed'; failure: FailureState };

/**
 * What a message shows to the reader `me` reading in `target` (null = translation off):
 * my own messages as they are, with what my partner was shown (`partnerLang`: the language they
 * read, null when unknown or the server translates nothing); text already in my language as it
 * is; the sender-approved translation when it is in my language; else the cached machine
 * translation, or its pending/failed state.
 */
export function displayOf(
  m: MessageLike,
  me: string,
  target: string | null,
  cached: TranslationRow | undefined,
  failure: FailureState | undefined,
  partnerLang: string | null = null,
): Display {
  if (m.sender === me) {
    if (m.translation) return { kind: 'own', sentAs: m.translation, partnerMachine: null };
    const declared = m.lang ?? detectLanguage(m.text);
    const machine =
      partnerLang !== null && m.text.trim() !== '' && !(declared && sameLanguage(declared, partnerLang));
    return { kind: 'own', sentAs: null, partnerMachine: machine ? partnerLang : null };
  }
  if (target === null || m.text.trim() === '') return { kind: 'plain' };
  if (m.lang && sameLanguage(m.lang, target)) return { kind: 'plain' };
  if (m.translation && sameLanguage(m.translation.lang, target))
    return { kind: 'approved', text: m.translation.text, lang: m.translation.lang };
  if (cached)
    return cached.state === 'original'
      ? { kind: 'plain' }
      : {
          kind: 'machine',
          text: cached.text,
          glossary: cached.glossary,
          ...(cached.demo ? { demo: true } : {}),
        };
  if (failure) return { kind: 'failed', failure };
  return { kind: 'pending' };
}

/**
 * Whether two displays show the same (issue 10: a bubble whose display did not change need not
 * render again). Displays are small plain objects rebuilt on every change of the window.
 */
export function sameDisplay(a: Display | undefined, b: Display | undefined): boolean {
  return a === b || (!!a && !!b && a.kind === b.kind && JSON.stringify(a) === JSON.stringify(b));
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
    const due =
      d.kind === 'pending' || (d.kind === 'failed' && failure?.retryAt != null && failure.retryAt <= now);
    if (!due) continue;
    items.push(translateItemOf(m));
  }
  return chunk(items, TRANSLATION_LIMITS.itemsPerRequest);
}

/**
 * A message as a `translate:texts` item that the request's rules accept. A stored message is read
 * as stored (shared/protocol `Message`), so one stored before a text rule may hold a control
 * character or a leading U+FEFF, and the request refuses as a whole what one item breaks: its
 * batch-mates would never be translated. Its text goes as a composer would send it
 * (`cleanTypedText`), its language only when it is a language code (the server detects it otherwise).
 */
export function translateItemOf(m: MessageLike): TranslateItem {
  const text = cleanTypedText(m.text);
  return m.lang && LanguageCode.safeParse(m.lang).success
    ? { id: m.clientId, text, sourceLang: m.lang }
    : { id: m.clientId, text };
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Retry schedule: the server's hint (or 5 s), doubled per earlier attempt, capped at 10 min, ±10 % jitter. */
export const RETRY = { baseMs: 5_000, maxMs: 10 * 60_000, maxAttempts: 8 } as const;

export function retryDelayMs(
  attempts: number,
  hintMs: number | null,
  random: () => number = Math.random,
): number {
  const base = Math.max(hintMs ?? RETRY.baseMs, 1_000);
  return jittered(Math.min(base * 2 ** Math.max(0, attempts - 1), RETRY.maxMs), random);
}

/** `ms` ±10 %, so that many clients retrying do not ask at the same instant. */
const jittered = (ms: number, random: () => number): number => Math.round(ms * (0.9 + 0.2 * random()));

/**
 * How often a quota failure asks again. The server calls quota "not retryable" — nothing changes
 * in seconds — but a new month or a raised budget does end it, and the history should then
 * translate without a reload. One small request an hour per open conversation; never gives up.
 */
export const QUOTA_RETRY_MS = 60 * 60_000;

/** The next failure state after a failed answer (attempts counts this one). */
export function nextFailure(
  prev: FailureState | undefined,
  r: Extract<TranslationItemResult, { state: 'failed' }>,
  now: number,
  random: () => number = Math.random,
): FailureState {
  const attempts = (prev?.attempts ?? 0) + 1;
  const base = { code: r.code, message: r.message, ...(r.lang ? { lang: r.lang } : {}), attempts };
  if (r.code === 'quota_exceeded')
    return { ...base, retryable: true, retryAt: now + jittered(QUOTA_RETRY_MS, random) };
  const retry = r.retryable && attempts < RETRY.maxAttempts;
  return {
    ...base,
    retryable: retry,
    retryAt: retry ? now + retryDelayMs(attempts, r.retryAfterMs, random) : null,
  };
}

/** The earliest retry time among failures, or null. */
export function nextRetryAt(failures: ReadonlyMap<string, FailureState>): number | null {
  let at: number | null = null;
  for (const f of failures.values())
    if (f.retryAt !== null && (at === null || f.retryAt < at)) at = f.retryAt;
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
    return {
      clientId: r.id,
      targetLang,
      conversationId,
      text: r.text,
      detectedSourceLang: r.detectedSourceLang,
      glossary: r.glossary,
      ...(r.demo ? { demo: true } : {}),
      state: 'translated',
      storedAt: nowIso,
    };
  if (r.state === 'original')
    return {
      clientId: r.id,
      targetLang,
      conversationId,
      text: '',
      detectedSourceLang: r.detectedSourceLang ?? '',
      glossary: false,
      state: 'original',
      storedAt: nowIso,
    };
  return null;
}

/**
 * The language a draft is sent as (`message:send`'s `lang`), so the reader's server can skip
 * text already in the reader's language and apply glossaries (both need a source language):
 * 1. the script detector's answer when it has one (CJK, Cyrillic, Arabic, Polish letters…) —
 *    the writer may write in another language than their own, and the script says so;
 * 2. else the language the preview translated the draft from (`previewSource`), when a preview
 *    answered for exactly this draft: the writer saw that reading of it and sent it;
 * 3. else nothing (plain Latin text without a preview could be any Latin-script language).
 */
export function draftLanguage(
  draft: string,
  preview: { forText: string; sourceLang: string | null; answered: boolean } | null,
): string | undefined {
  const detected = detectLanguage(draft);
  if (detected) return detected;
  if (preview?.answered && preview.sourceLang && preview.forText === draft.trim()) return preview.sourceLang;
  return undefined;
}

/** The language the composer previews a draft from: the detector's answer, else the writer's language. */
export function previewSourceLanguage(draft: string, writerLang: string | null): string | null {
  return detectLanguage(draft) ?? writerLang;
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

/**
 * The contact list's preview of a conversation's last message, in the reader's language: the
 * sender-approved or cached machine translation when there is one, else the text as written.
 * My own messages show as I wrote them; `showOriginals` keeps the preview in the original too.
 */
export function previewOf(
  m: MessageLike,
  me: string,
  target: string | null,
  cached: TranslationRow | undefined,
  showOriginals: boolean,
): { text: string; translated: boolean } {
  if (showOriginals) return { text: m.text, translated: false };
  const d = displayOf(m, me, target, cached, undefined);
  return d.kind === 'approved' || d.kind === 'machine'
    ? { text: d.text, translated: true }
    : { text: m.text, translated: false };
}
