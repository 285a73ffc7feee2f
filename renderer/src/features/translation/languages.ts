/**
 * DeepL's languages as the server lists them (`translate:languages`), fetched once per session
 * and shared by every picker. Nothing here is a hard-coded language table.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type {
  TranslateLanguagesResponse,
  TranslationLanguage,
} from '../../../../shared/protocol/translation';
import { baseLanguage } from '../../../../shared/domain/language';
import type { SyncEngine } from '../../sync/engine';

type State =
  { status: 'loading' } | { status: 'ready'; value: TranslateLanguagesResponse } | { status: 'error' };

interface Entry {
  state: State;
  listeners: Set<() => void>;
  loading: boolean;
  /** A next ask is planned (a timer, or the next connect). */
  retrying: boolean;
}

/** What the list needs of the sync engine (a fake in tests). */
export type LanguagesEngine = Pick<SyncEngine, 'request' | 'getState' | 'subscribe'>;

const cache = new WeakMap<LanguagesEngine, Entry>();

function entry(engine: LanguagesEngine): Entry {
  let e = cache.get(engine);
  if (!e) {
    e = { state: { status: 'loading' }, listeners: new Set(), loading: false, retrying: false };
    cache.set(engine, e);
  }
  return e;
}

/** Asks again once the socket is connected (at once if it is by now). */
function askOnConnect(engine: LanguagesEngine, e: Entry): void {
  e.retrying = true;
  const ask = (): void => {
    off();
    e.retrying = false;
    loadLanguages(engine);
  };
  const off = engine.subscribe(() => {
    if (engine.getState() === 'online') ask();
  });
  if (engine.getState() === 'online') ask();
}

/**
 * Asks the server for the list unless it is known, being asked, or an ask is planned. A failure
 * plans the next ask from here only — never from a render, which would loop while the request
 * fails fast: not connected yet (a reload asks before its socket connects), at the connect;
 * a timeout or an error, 5 s later.
 */
export function loadLanguages(engine: LanguagesEngine): void {
  const e = entry(engine);
  if (e.loading || e.retrying || e.state.status === 'ready') return;
  e.loading = true;
  void engine.request('translate:languages', {}, 10_000).then((r) => {
    e.loading = false;
    e.state = r.ok ? { status: 'ready', value: r.value } : { status: 'error' };
    for (const l of e.listeners) l();
    if (r.ok) return;
    if (r.code === 'offline') return askOnConnect(engine, e);
    e.retrying = true;
    setTimeout(() => {
      e.retrying = false;
      loadLanguages(engine);
    }, 5_000);
  });
}

/** The list's state now, as the hook reads it. */
export function languagesState(engine: LanguagesEngine): State {
  return entry(engine).state;
}

/** The language list; `loading` until the first answer. */
export function useTranslationLanguages(engine: SyncEngine): State {
  const subscribe = useCallback(
    (listener: () => void) => {
      const e = entry(engine);
      e.listeners.add(listener);
      if (e.state.status === 'loading') loadLanguages(engine);
      return () => {
        e.listeners.delete(listener);
      };
    },
    [engine],
  );
  return useSyncExternalStore(subscribe, () => languagesState(engine));
}

/** Languages one can read in (DeepL targets), one per base language unless regional variants differ. */
export function targetLanguages(list: readonly TranslationLanguage[]): TranslationLanguage[] {
  return list.filter((l) => l.target);
}

/** The entry for a code (matching the base when no exact entry exists). */
export function findLanguage(
  list: readonly TranslationLanguage[],
  code: string,
): TranslationLanguage | undefined {
  return (
    list.find((l) => l.code.toLowerCase() === code.toLowerCase()) ??
    list.find((l) => baseLanguage(l.code) === baseLanguage(code))
  );
}

/**
 * Whether the server is known to translate nothing (no DeepL key, not a demo), from the list as
 * it stands (no request): false while it is loading or failed.
 */
export function knownUntranslated(engine: SyncEngine): boolean {
  const s = entry(engine).state;
  return s.status === 'ready' && !s.value.available && s.value.demo !== true;
}
