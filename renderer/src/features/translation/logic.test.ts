import { describe, expect, it } from 'vitest';
import { TranslateTextsRequest, type TranslationItemResult } from '../../../../shared/protocol/translation';
import {
  approvedTranslation,
  cacheKey,
  displayOf,
  draftLanguage,
  previewOf,
  previewSourceLanguage,
  QUOTA_RETRY_MS,
  itemsToRequest,
  nextFailure,
  nextRetryAt,
  partnerLanguage,
  readingLanguage,
  readingTarget,
  retryDelayMs,
  toCacheRow,
  type FailureState,
  type MessageLike,
} from './logic';
import type { TranslationRow } from '../../db/rows/translation';

const ME = 'anna-pl';
const msg = (over: Partial<MessageLike> & { clientId: string }): MessageLike => ({
  sender: 'li-yiwu',
  text: '最低起订量是多少？',
  lang: null,
  translation: null,
  ...over,
});
const row = (clientId: string, over: Partial<TranslationRow> = {}): TranslationRow => ({
  clientId,
  targetLang: 'pl',
  conversationId: 'c',
  text: 'Jakie jest minimalne zamówienie?',
  detectedSourceLang: 'zh',
  glossary: false,
  state: 'translated',
  storedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const failed = (over: Partial<Extract<TranslationItemResult, { state: 'failed' }>> = {}) =>
  ({
    id: 'x',
    state: 'failed',
    code: 'translation_unavailable',
    message: 'busy',
    retryable: true,
    retryAfterMs: 5000,
    ...over,
  }) as const;

describe('reading language', () => {
  it('uses my language unless the conversation overrides it or turns translation off', () => {
    expect(readingLanguage('pl', undefined)).toBe('pl');
    expect(readingLanguage('pl', { readLanguage: 'en', off: false })).toBe('en');
    expect(readingLanguage('pl', { readLanguage: 'en', off: true })).toBeNull();
  });
  it('reads in no language before my row is known, on a server that translates nothing, or with automatic translation off', () => {
    const me = { readLanguage: 'pl' };
    expect(readingTarget(me, true, undefined, undefined)).toBe('pl');
    expect(readingTarget(me, true, true, { readLanguage: 'en', off: false })).toBe('en');
    expect(readingTarget(undefined, true, true, undefined)).toBeNull();
    expect(readingTarget(null, true, true, undefined)).toBeNull();
    expect(readingTarget(me, false, true, undefined)).toBeNull();
    expect(readingTarget(me, true, false, undefined)).toBeNull();
    expect(readingTarget(me, true, true, { readLanguage: null, off: true })).toBeNull();
  });
});

describe('displayOf', () => {
  it('shows my own messages, same-language and empty text as they are', () => {
    expect(displayOf(msg({ clientId: 'a', sender: ME }), ME, 'pl', undefined, undefined)).toEqual({
      kind: 'own',
      sentAs: null,
      partnerMachine: null,
    });
    expect(displayOf(msg({ clientId: 'a', lang: 'pl-PL' }), ME, 'pl', undefined, undefined).kind).toBe(
      'plain',
    );
    expect(displayOf(msg({ clientId: 'a', text: '  ' }), ME, 'pl', undefined, undefined).kind).toBe('plain');
    expect(displayOf(msg({ clientId: 'a' }), ME, null, undefined, undefined).kind).toBe('plain');
  });
  it('tells on my own messages what the partner was shown', () => {
    const mine = (over: Partial<MessageLike>) =>
      msg({ clientId: 'a', sender: ME, text: 'Jaka jest cena?', ...over });
    // The approved translation travelled with the message: "sent as".
    expect(
      displayOf(
        mine({ lang: 'pl', translation: { text: '价格是多少？', lang: 'zh' } }),
        ME,
        'pl',
        undefined,
        undefined,
        'zh',
      ),
    ).toEqual({
      kind: 'own',
      sentAs: { text: '价格是多少？', lang: 'zh' },
      partnerMachine: null,
    });
    // None approved: the partner reads DeepL's machine translation into their language…
    expect(displayOf(mine({ lang: 'pl' }), ME, 'pl', undefined, undefined, 'zh')).toMatchObject({
      sentAs: null,
      partnerMachine: 'zh',
    });
    expect(displayOf(mine({ lang: null }), ME, null, undefined, undefined, 'zh')).toMatchObject({
      partnerMachine: 'zh',
    });
    // …unless it is already in their language (declared or by script), or their language is unknown / mine.
    expect(displayOf(mine({ lang: 'zh', text: '好的' }), ME, 'pl', undefined, undefined, 'zh')).toMatchObject(
      { partnerMachine: null },
    );
    expect(
      displayOf(mine({ lang: null, text: '好的' }), ME, 'pl', undefined, undefined, 'zh-HANS'),
    ).toMatchObject({ partnerMachine: null });
    expect(displayOf(mine({ lang: 'pl' }), ME, 'pl', undefined, undefined, null)).toMatchObject({
      partnerMachine: null,
    });
  });

  it('prefers the sender-approved translation in my language over a machine one', () => {
    const m = msg({ clientId: 'a', translation: { text: 'Cześć', lang: 'pl' } });
    expect(displayOf(m, ME, 'pl', row('a'), undefined)).toEqual({
      kind: 'approved',
      text: 'Cześć',
      lang: 'pl',
    });
    // Approved into another language: not for me.
    expect(displayOf(m, ME, 'en', undefined, undefined).kind).toBe('pending');
  });
  it('uses the cache, then the failure state, else pending', () => {
    const m = msg({ clientId: 'a' });
    expect(displayOf(m, ME, 'pl', row('a'), undefined)).toMatchObject({
      kind: 'machine',
      text: 'Jakie jest minimalne zamówienie?',
    });
    expect(displayOf(m, ME, 'pl', row('a', { state: 'original' }), undefined).kind).toBe('plain');
    const f: FailureState = {
      code: 'quota_exceeded',
      message: 'q',
      retryable: false,
      attempts: 1,
      retryAt: null,
    };
    expect(displayOf(m, ME, 'pl', undefined, f)).toEqual({ kind: 'failed', failure: f });
    expect(displayOf(m, ME, 'pl', undefined, undefined).kind).toBe('pending');
  });
});

describe('itemsToRequest', () => {
  const none = new Map<string, never>();
  it('asks only for incoming, untranslated, not-in-flight messages, with their declared language', () => {
    const messages = [
      msg({ clientId: 'mine', sender: ME }),
      msg({ clientId: 'cached' }),
      msg({ clientId: 'same', lang: 'pl' }),
      msg({ clientId: 'approved', translation: { text: 'x', lang: 'pl' } }),
      msg({ clientId: 'busy' }),
      msg({ clientId: 'new', lang: 'zh' }),
      msg({ clientId: 'new2' }),
    ];
    const batches = itemsToRequest(
      messages,
      ME,
      'pl',
      new Map([['cached', row('cached')]]),
      none,
      new Set(['busy']),
      0,
    );
    expect(batches).toEqual([
      [
        { id: 'new', text: '最低起订量是多少？', sourceLang: 'zh' },
        { id: 'new2', text: '最低起订量是多少？' },
      ],
    ]);
    expect(itemsToRequest(messages, ME, null, none, none, new Set(), 0)).toEqual([]);
  });
  it('retries failures only when due and only if retryable, in batches of at most 100', () => {
    const f = (retryAt: number | null): FailureState => ({
      code: 'translation_unavailable',
      message: '',
      retryable: retryAt !== null,
      attempts: 1,
      retryAt,
    });
    const failures = new Map([
      ['due', f(100)],
      ['later', f(500)],
      ['never', f(null)],
    ]);
    const ids = itemsToRequest(
      [msg({ clientId: 'due' }), msg({ clientId: 'later' }), msg({ clientId: 'never' })],
      ME,
      'pl',
      none,
      failures,
      new Set(),
      200,
    )
      .flat()
      .map((i) => i.id);
    expect(ids).toEqual(['due']);
    const many = Array.from({ length: 230 }, (_, i) => msg({ clientId: `m${i}` }));
    expect(itemsToRequest(many, ME, 'pl', none, none, new Set(), 0).map((b) => b.length)).toEqual([
      100, 100, 30,
    ]);
  });
  it('asks for a message stored before a text rule as the request accepts it, so it cannot fail its batch-mates', () => {
    // Read as stored (shared/protocol `Message`): a vertical tab pasted from a word processor, a
    // bell, a leading U+FEFF, a language that is no code. Sent as is, `translate:texts` refuses
    // the whole request, and the other 99 messages of its batch are never translated.
    const messages = [
      msg({ clientId: 'old', text: '\ufeffSamples\u000bship\u0007 Monday.', lang: 'en_GB!' }),
      msg({ clientId: 'new', lang: 'zh' }),
    ];
    const batches = itemsToRequest(messages, ME, 'pl', none, none, new Set(), 0);
    expect(batches).toEqual([
      [
        { id: 'old', text: 'Samples\nship Monday.' },
        { id: 'new', text: '最低起订量是多少？', sourceLang: 'zh' },
      ],
    ]);
    expect(TranslateTextsRequest.safeParse({ items: batches[0], targetLang: 'pl' }).success).toBe(true);
  });
});

describe('retry schedule', () => {
  it('starts at the server hint, doubles, caps and gives up', () => {
    const mid = () => 0.5; // no jitter
    expect(retryDelayMs(1, 5000, mid)).toBe(5000);
    expect(retryDelayMs(2, 5000, mid)).toBe(10000);
    expect(retryDelayMs(3, null, mid)).toBe(20000);
    expect(retryDelayMs(30, 5000, mid)).toBe(600000);
    expect(retryDelayMs(1, 5000, () => 0)).toBe(4500);
    let s: FailureState | undefined;
    for (let i = 0; i < 7; i++) s = nextFailure(s, failed(), 1000, mid);
    expect(s).toMatchObject({ attempts: 7, retryable: true });
    s = nextFailure(s, failed(), 1000, mid);
    expect(s).toMatchObject({ attempts: 8, retryable: false, retryAt: null });
  });
  it('never retries what the server says is not retryable, except quota: slowly, hourly, for good', () => {
    expect(
      nextFailure(
        undefined,
        failed({ code: 'unsupported', retryable: false, retryAfterMs: null, lang: 'sw' }),
        0,
      ),
    ).toEqual({
      code: 'unsupported',
      message: 'busy',
      lang: 'sw',
      attempts: 1,
      retryable: false,
      retryAt: null,
    });
    // A new month or a raised budget ends a quota failure: ask again in about an hour, forever.
    let q: FailureState | undefined;
    for (let i = 0; i < 20; i++)
      q = nextFailure(
        q,
        failed({ code: 'quota_exceeded', retryable: false, retryAfterMs: null }),
        1000,
        () => 0.5,
      );
    expect(q).toMatchObject({ attempts: 20, retryable: true, retryAt: 1000 + QUOTA_RETRY_MS });
    expect(
      nextFailure(undefined, failed({ code: 'quota_exceeded', retryable: false }), 0, () => 0).retryAt,
    ).toBe(0.9 * QUOTA_RETRY_MS);
    expect(
      itemsToRequest(
        [msg({ clientId: 'q' })],
        ME,
        'pl',
        new Map(),
        new Map([['q', q!]]),
        new Set(),
        1000 + QUOTA_RETRY_MS,
      ),
    ).toHaveLength(1);
    expect(
      itemsToRequest(
        [msg({ clientId: 'q' })],
        ME,
        'pl',
        new Map(),
        new Map([['q', q!]]),
        new Set(),
        999 + QUOTA_RETRY_MS,
      ),
    ).toHaveLength(0);
    expect(nextFailure(undefined, failed(), 1000, () => 0.5).retryAt).toBe(6000);
    expect(
      nextRetryAt(
        new Map([
          ['a', { code: 'quota_exceeded', message: '', retryable: false, attempts: 1, retryAt: null }],
        ]),
      ),
    ).toBeNull();
    expect(
      nextRetryAt(
        new Map([
          ['a', { code: 'quota_exceeded', message: '', retryable: true, attempts: 1, retryAt: 9 }],
          ['b', { code: 'quota_exceeded', message: '', retryable: true, attempts: 1, retryAt: 3 }],
        ]),
      ),
    ).toBe(3);
  });
});

describe('cache rows', () => {
  it('stores translations and same-language answers, never failures, keyed by (clientId, target)', () => {
    expect(cacheKey('a', 'pl')).toEqual(['a', 'pl']);
    expect(
      toCacheRow(
        { id: 'a', state: 'translated', text: 'T', detectedSourceLang: 'zh', cached: false, glossary: true },
        'pl',
        'c',
        'now',
      ),
    ).toMatchObject({
      clientId: 'a',
      targetLang: 'pl',
      text: 'T',
      glossary: true,
      state: 'translated',
    });
    expect(
      toCacheRow(
        { id: 'a', state: 'original', reason: 'same_language', detectedSourceLang: 'pl' },
        'pl',
        'c',
        'now',
      )?.state,
    ).toBe('original');
    expect(toCacheRow(failed(), 'pl', 'c', 'now')).toBeNull();
  });
});

describe('the language a draft is sent as', () => {
  const answered = (forText: string, sourceLang: string | null) => ({ forText, sourceLang, answered: true });
  it('is the script detector’s answer first, even against the writer’s language', () => {
    expect(draftLanguage('价格是多少？', answered('价格是多少？', 'pl'))).toBe('zh');
    expect(draftLanguage('Proszę przesłać fakturę', null)).toBe('pl');
  });
  it('else the language the preview translated this exact draft from', () => {
    expect(draftLanguage('Price for 500 pcs?', answered('Price for 500 pcs?', 'en'))).toBe('en');
    expect(draftLanguage('Cena za 500 szt.?', answered('Cena za 500 szt.?', 'pl'))).toBe('pl');
    expect(draftLanguage('Cena za 500 szt.? ', answered('Cena za 500 szt.?', 'pl'))).toBe('pl');
  });
  it('else none: Latin text without a preview could be any Latin-script language', () => {
    expect(draftLanguage('Cena za 500 szt.?', null)).toBeUndefined();
    expect(draftLanguage('Cena za 600 szt.?', answered('Cena za 500 szt.?', 'pl'))).toBeUndefined();
    expect(
      draftLanguage('Cena za 500 szt.?', { forText: 'Cena za 500 szt.?', sourceLang: 'pl', answered: false }),
    ).toBeUndefined();
  });
  it('the preview reads a draft as the detector says, else as the writer’s language', () => {
    expect(previewSourceLanguage('Привет', 'pl')).toBe('ru');
    expect(previewSourceLanguage('Hello', 'pl')).toBe('pl');
    expect(previewSourceLanguage('Hello', null)).toBeNull();
  });
});

describe('composer', () => {
  const ok: TranslationItemResult = {
    id: 'preview',
    state: 'translated',
    text: '[ZH] Hi',
    detectedSourceLang: 'pl',
    cached: false,
    glossary: false,
  };
  it('sends the previewed translation only for the exact draft it was made for', () => {
    expect(approvedTranslation('Hi', { forText: 'Hi', targetLang: 'zh', result: ok })).toEqual({
      text: '[ZH] Hi',
      lang: 'zh',
    });
    expect(approvedTranslation('Hi there', { forText: 'Hi', targetLang: 'zh', result: ok })).toBeUndefined();
    expect(approvedTranslation('Hi', { forText: 'Hi', targetLang: 'zh', result: failed() })).toBeUndefined();
    expect(approvedTranslation('Hi', null)).toBeUndefined();
  });
  it('previews into the partner’s first language unless it is mine', () => {
    expect(partnerLanguage(['zh', 'en'], 'pl')).toBe('zh');
    expect(partnerLanguage(['pl'], 'pl-PL')).toBeNull();
    expect(partnerLanguage([], 'pl')).toBeNull();
  });
});

describe('previewOf (the contact list, issue 12)', () => {
  it('previews an incoming message in my language when a translation is cached or approved', () => {
    const m = msg({ clientId: 'a' });
    expect(previewOf(m, ME, 'pl', row('a'), false)).toEqual({
      text: 'Jakie jest minimalne zamówienie?',
      translated: true,
    });
    const approved = msg({ clientId: 'b', translation: { text: 'Ile minimum?', lang: 'pl' } });
    expect(previewOf(approved, ME, 'pl', undefined, false).text).toBe('Ile minimum?');
  });

  it('keeps the original when nothing is translated yet, translation is off, originals are chosen, or it is mine', () => {
    const m = msg({ clientId: 'a' });
    expect(previewOf(m, ME, 'pl', undefined, false)).toEqual({ text: m.text, translated: false });
    expect(previewOf(m, ME, null, row('a'), false).text).toBe(m.text);
    expect(previewOf(m, ME, 'pl', row('a'), true).text).toBe(m.text);
    expect(
      previewOf(msg({ clientId: 'a', sender: ME, text: 'Cześć' }), ME, 'pl', undefined, false).text,
    ).toBe('Cześć');
    expect(previewOf(m, ME, 'pl', row('a', { state: 'original' }), false).text).toBe(m.text);
  });
});
