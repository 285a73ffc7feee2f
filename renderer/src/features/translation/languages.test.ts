import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TranslationLanguage } from '../../../../shared/protocol/translation';
import type { ConnectionState } from '../../sync/engine';
import { fail, ok } from '../../../../shared/result';
import {
  findLanguage,
  languagesState,
  loadLanguages,
  targetLanguages,
  type LanguagesEngine,
} from './languages';

const lang = (code: string, over: Partial<TranslationLanguage> = {}): TranslationLanguage => ({
  code,
  name: code,
  source: true,
  target: true,
  formality: false,
  glossary: true,
  ...over,
});

describe('language list from the server', () => {
  const list = [
    lang('en', { target: false }),
    lang('en-US', { source: false }),
    lang('fa', { glossary: false }),
    lang('pl'),
    lang('zh'),
  ];
  it('offers only DeepL targets as reading languages', () => {
    expect(targetLanguages(list).map((l) => l.code)).toEqual(['en-US', 'fa', 'pl', 'zh']);
  });
  it('finds a language by exact code, else by base, and tells what it lacks', () => {
    expect(findLanguage(list, 'EN-us')?.code).toBe('en-US');
    expect(findLanguage(list, 'pl-PL')?.code).toBe('pl');
    expect(findLanguage(list, 'fa')?.glossary).toBe(false);
    expect(findLanguage(list, 'xx')).toBeUndefined();
  });
});

/** An engine whose socket connects when told, answering `translate:languages` only when connected. */
function fakeEngine(list: TranslationLanguage[]) {
  let state: ConnectionState = 'connecting';
  const listeners = new Set<() => void>();
  const asked: ConnectionState[] = [];
  const engine = {
    getState: () => state,
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    request: (() => {
      asked.push(state);
      return Promise.resolve(
        state === 'online'
          ? ok({ available: true, languages: list, glossaryPairs: [] })
          : fail('offline', 'Not connected to the server.'),
      );
    }) as unknown as LanguagesEngine['request'],
  } satisfies LanguagesEngine;
  return {
    engine,
    asked,
    set(s: ConnectionState) {
      state = s;
      for (const l of [...listeners]) l();
    },
    listeners,
  };
}

describe('the language list asked before the socket connects (a reload)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is asked again at the connect, not after a timer, and the wait is let go', async () => {
    vi.useFakeTimers();
    const f = fakeEngine([lang('pl')]);
    loadLanguages(f.engine);
    await vi.advanceTimersByTimeAsync(0);
    expect(languagesState(f.engine).status).toBe('error');
    expect(f.asked).toEqual(['connecting']);
    // Asking again meanwhile (a picker's render) does not send another request.
    loadLanguages(f.engine);
    f.set('offline');
    expect(f.asked).toEqual(['connecting']);
    f.set('online');
    // Well before the 5 s retry timer's time: the connect itself asked.
    await vi.advanceTimersByTimeAsync(1000);
    expect(languagesState(f.engine).status).toBe('ready');
    expect(f.asked).toEqual(['connecting', 'online']);
    expect(f.listeners.size).toBe(0);
    // No timer was left to ask a third time.
    await vi.runAllTimersAsync();
    expect(f.asked).toHaveLength(2);
  });
});
