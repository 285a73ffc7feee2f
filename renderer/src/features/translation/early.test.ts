/**
 * Issue 10: the reading settings and the window's cached translations are read beside the
 * window's first read, so the first screen shows each bubble as it stays.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageWindow } from '../../db/hooks';
import type { MessageRow, TradewindDb } from '../../db/schema';
import type { TranslationRow } from '../../db/rows/translation';
import { earlyTranslation, readTranslationBeside } from './early';

const ME = 'buyer';
const msg = (clientId: string, sender: string, lang: string | null, text = 'hello'): MessageRow =>
  ({ clientId, sender, text, lang, translation: null }) as unknown as MessageRow;
const row = (clientId: string): TranslationRow => ({
  clientId,
  targetLang: 'pl',
  conversationId: 'conv',
  text: `pl:${clientId}`,
  detectedSourceLang: 'en',
  glossary: false,
  state: 'translated',
  storedAt: '2026-12-07T00:00:00Z',
});

/** A database holding my reading language, the settings given and the translations of `cachedIds`. */
function fakeDb(opts: { auto?: boolean; off?: boolean; cachedIds?: string[] } = {}) {
  const asked: [string, string][][] = [];
  const db = {
    meta: { get: () => Promise.resolve({ key: 'me', value: { memberId: ME, readLanguage: 'pl' } }) },
    prefs: {
      get: () =>
        Promise.resolve(opts.auto === undefined ? undefined : { key: 'autoTranslate', value: opts.auto }),
    },
    translationPrefs: {
      get: (id: string) =>
        Promise.resolve(
          opts.off ? { conversationId: id, readLanguage: null, off: true, showOriginals: false } : undefined,
        ),
    },
    translations: {
      bulkGet: (keys: [string, string][]) => {
        asked.push(keys);
        return Promise.resolve(keys.map(([id]) => (opts.cachedIds?.includes(id) ? row(id) : undefined)));
      },
    },
    transaction: (_mode: string, _tables: unknown, fn: () => Promise<unknown>) => fn(),
  };
  return { db: db as unknown as TradewindDb, asked };
}

const window = (messages: MessageRow[]): Promise<MessageWindow> =>
  Promise.resolve({ messages, hasOlder: false, hasNewer: false });
const WINDOW = [
  msg('a', 'seller', 'en'), // needs a translation, cached
  msg('b', 'seller', 'zh'), // needs one, not cached
  msg('c', 'seller', 'pl'), // already in my language
  msg('d', ME, 'pl'), // mine
];

afterEach(() => vi.restoreAllMocks());

describe('the translation read beside the window', () => {
  it('knows the reading language and reads the cache only for what needs a translation', async () => {
    const { db, asked } = fakeDb({ cachedIds: ['a'] });
    await readTranslationBeside(db, true, ME, 'conv', window(WINDOW));
    const e = earlyTranslation(db, 'conv');
    expect(e?.target).toBe('pl');
    expect(asked).toEqual([
      [
        ['a', 'pl'],
        ['b', 'pl'],
      ],
    ]);
    expect([...(e?.cached.keys() ?? [])]).toEqual(['a']);
    expect(e?.settings.autoTranslate).toBe(true);
  });

  it('reads no cache when the server translates nothing, automatic translation is off, or the conversation is', async () => {
    for (const [translates, opts] of [
      [false, {}],
      [true, { auto: false }],
      [true, { off: true }],
    ] as const) {
      const { db, asked } = fakeDb(opts);
      await readTranslationBeside(db, translates, ME, 'conv', window(WINDOW));
      expect(earlyTranslation(db, 'conv')?.target).toBeNull();
      expect(asked).toEqual([]);
    }
  });

  it('is for its own conversation and database only, and only while fresh', async () => {
    const { db } = fakeDb();
    const now = vi.spyOn(performance, 'now').mockReturnValue(1000);
    await readTranslationBeside(db, true, ME, 'conv', window(WINDOW));
    expect(earlyTranslation(db, 'other')).toBeNull();
    expect(earlyTranslation(fakeDb().db, 'conv')).toBeNull();
    now.mockReturnValue(2000);
    expect(earlyTranslation(db, 'conv')).not.toBeNull();
    now.mockReturnValue(2001);
    expect(earlyTranslation(db, 'conv')).toBeNull();
  });

  it('settles when a read fails, without a result', async () => {
    const { db } = fakeDb();
    await expect(
      readTranslationBeside(db, true, ME, 'conv2', Promise.reject(new Error('closed'))),
    ).resolves.toBeUndefined();
    expect(earlyTranslation(db, 'conv2')).toBeNull();
  });
});
