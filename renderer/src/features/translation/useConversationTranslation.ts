/**
 * Translation of one open conversation's incoming messages. Reads the IndexedDB cache first
 * (history reads translated offline), asks `translate:texts` only for what is missing, in
 * batches of ≤100, never twice at the same time, and retries retryable failures with backoff.
 * It never delays a message: until a translation arrives the original is shown.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MessageRow } from '../../db/schema';
import { useContact, useMe } from '../../db/hooks';
import { useSession } from '../../sync/session';
import {
  displayOf,
  itemsToRequest,
  nextFailure,
  nextRetryAt,
  partnerLanguage,
  readingTarget,
  toCacheRow,
  type Display,
  type FailureState,
} from './logic';
import { useTranslationLanguages } from './languages';
import { cachedTranslations, DEFAULT_PREFS, readAutoTranslate, storeTranslations } from './repo';
import { earlyTranslation } from './early';
import type { TranslationPrefsRow, TranslationRow } from '../../db/rows/translation';

export interface ConversationTranslation {
  /** The language this conversation is read in; null = translation off here. */
  target: string | null;
  prefs: TranslationPrefsRow;
  displays: ReadonlyMap<string, Display>;
}

const REQUEST_TIMEOUT_MS = 20_000;
const NO_FAILURES: ReadonlyMap<string, FailureState> = new Map();

export function useConversationTranslation(
  conversationId: string,
  partnerId: string,
  messages: readonly MessageRow[],
): ConversationTranslation {
  const { db, engine, me } = useSession();
  // Issue 10: what was read beside the window's first read (early.ts), while these queries have
  // not answered, so that the first screen shows each bubble as it stays.
  const early = earlyTranslation(db, conversationId);
  const meRow = useMe(db) ?? early?.settings.me ?? undefined;
  const prefsRow = useLiveQuery(() => db.translationPrefs.get(conversationId), [db, conversationId]);
  const prefs: TranslationPrefsRow = prefsRow ??
    early?.settings.prefs ?? { conversationId, ...DEFAULT_PREFS };
  // A server without a DeepL key says so once (TranslationBar); its messages then show as they
  // are, without a "not translated" mark on each one.
  const languages = useTranslationLanguages(engine);
  const serverOff = languages.status === 'ready' && !languages.value.available;
  // A demo server without a key still answers its demo history (translations stored with it).
  const demo = serverOff && languages.value.demo === true;
  // Settings › Translation › "Translate incoming messages automatically" (default on).
  const autoTranslate = useLiveQuery(() => readAutoTranslate(db), [db]) ?? early?.settings.autoTranslate;
  const target = readingTarget(meRow, !serverOff || demo, autoTranslate, prefs);
  const partner = useContact(db, partnerId);
  // My glossary for the partner's group applies when I have none for the partner.
  const groupId = partner?.groupId ?? null;
  // The language the partner reads when it is not mine, to tell on my own messages what they were shown.
  const partnerLang =
    serverOff || languages.status !== 'ready' || !meRow || !partner
      ? null
      : partnerLanguage(partner.user.profile.languages, meRow.readLanguage);

  const incomingIds = useMemo(
    () => messages.filter((m) => m.sender !== me).map((m) => m.clientId),
    [messages, me],
  );
  const idsKey = incomingIds.join(',');
  const live = useLiveQuery(
    async () => ({
      target,
      map: target ? await cachedTranslations(db, incomingIds, target) : new Map<string, TranslationRow>(),
    }),
    // idsKey stands for incomingIds: re-query when the set of messages changes, not on every render.
    [db, idsKey, target],
  );
  // What is asked of the server: only what the cache, read for this reading language, lacks.
  const answered = live?.target === target ? live.map : undefined;
  // What shows: until the cache has answered for this reading language, the early read's (issue 10).
  const cached = answered ?? (early && early.target === target ? early.cached : live?.map);

  // Failures belong to one reading language: another one starts over.
  const [failState, setFailState] = useState<{
    target: string | null;
    map: ReadonlyMap<string, FailureState>;
  }>({ target, map: new Map() });
  const failures = failState.target === target ? failState.map : NO_FAILURES;
  const setFailures = useCallback(
    (update: (prev: ReadonlyMap<string, FailureState>) => ReadonlyMap<string, FailureState>) =>
      setFailState((prev) => ({ target, map: update(prev.target === target ? prev.map : NO_FAILURES) })),
    [target],
  );
  // Ids asked for (or answered) in the current reading language. Answered ones stay here, so the
  // moment between the answer and the cache's live query catching up never asks twice; failed
  // ones leave it, so their retry can ask again.
  const asked = useRef({ target: null as string | null, ids: new Set<string>() });
  const [tick, setTick] = useState(0);
  const [online, setOnline] = useState(engine.getState() === 'online');
  useEffect(() => engine.subscribe(() => setOnline(engine.getState() === 'online')), [engine]);

  useEffect(() => {
    if (!answered || !target || !online) return;
    if (asked.current.target !== target) asked.current = { target, ids: new Set() };
    const inFlight = asked.current.ids;
    const batches = itemsToRequest(messages, me, target, answered, failures, inFlight, Date.now());
    for (const items of batches) {
      for (const i of items) inFlight.add(i.id);
      void engine
        .request(
          'translate:texts',
          { items, targetLang: target, partner: partnerId, ...(groupId ? { groupId } : {}) },
          REQUEST_TIMEOUT_MS,
        )
        .then(async (r) => {
          const now = Date.now();
          if (r.ok) {
            const iso = new Date(now).toISOString();
            await storeTranslations(
              db,
              r.value.items.flatMap((it) => toCacheRow(it, target, conversationId, iso) ?? []),
            );
            for (const it of r.value.items) if (it.state === 'failed') inFlight.delete(it.id);
            setFailures((prev) => {
              const next = new Map(prev);
              for (const it of r.value.items) {
                if (it.state === 'failed') next.set(it.id, nextFailure(prev.get(it.id), it, now));
                else next.delete(it.id);
              }
              return next;
            });
          } else {
            // The request itself failed (offline, timeout): every item is retryable.
            for (const i of items) inFlight.delete(i.id);
            setFailures((prev) => {
              const next = new Map(prev);
              for (const i of items)
                next.set(
                  i.id,
                  nextFailure(
                    prev.get(i.id),
                    {
                      id: i.id,
                      state: 'failed',
                      code: 'translation_unavailable',
                      message: r.message,
                      retryable: true,
                      retryAfterMs: null,
                    },
                    now,
                  ),
                );
              return next;
            });
          }
        });
    }
  }, [
    answered,
    target,
    online,
    messages,
    me,
    failures,
    setFailures,
    tick,
    engine,
    db,
    conversationId,
    partnerId,
    groupId,
  ]);

  // Wake up when the earliest retry is due.
  useEffect(() => {
    const at = nextRetryAt(failures);
    if (at === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, at - Date.now()));
    return () => clearTimeout(timer);
  }, [failures]);

  const displays = useMemo(() => {
    const out = new Map<string, Display>();
    for (const m of messages) {
      const d = displayOf(m, me, target, cached?.get(m.clientId), failures.get(m.clientId), partnerLang);
      // Without a key (demo), what has no stored translation shows as it is, unmarked.
      out.set(m.clientId, serverOff && d.kind === 'failed' ? { kind: 'plain' } : d);
    }
    return out;
  }, [messages, me, target, cached, failures, partnerLang, serverOff]);

  return { target, prefs, displays };
}
