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
  retry: ReturnType<typeof setTimeout> | null;
}

const cache = new WeakMap<SyncEngine, Entry>();

function entry(engine: SyncEngine): Entry {
  let e = cache.get(engine);
  if (!e) {
    e = { state: { status: 'loading' }, listeners: new Set(), loading: false, retry: null };
    cache.set(engine, e);
  }
  return e;
}

function load(engine: SyncEngine): void {
  const e = entry(engine);
  if (e.loading || e.retry !== null || e.state.status === 'ready') return;
  e.loading = true;
  void engine.request('translate:languages', {}, 10_000).then((r) => {
    e.loading = false;
    e.state = r.ok ? { status: 'ready', value: r.value } : { status: 'error' };
    for (const l of e.listeners) l();
    // Offline or a timeout: ask again a little later (the list is needed by every picker), once,
    // from this timer only — never from a render, which would loop while the request fails fast.
    if (!r.ok)
      e.retry = setTimeout(() => {
        e.retry = null;
        load(engine);
      }, 5_000);
  });
}

/** The language list; `loading` until the first answer. */
export function useTranslationLanguages(engine: SyncEngine): State {
  const subscribe = useCallback(
    (listener: () => void) => {
      const e = entry(engine);
      e.listeners.add(listener);
      if (e.state.status === 'loading') load(engine);
      return () => {
        e.listeners.delete(listener);
      };
    },
    [engine],
  );
  return useSyncExternalStore(subscribe, () => entry(engine).state);
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
