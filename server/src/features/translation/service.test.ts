import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as deepl from 'deepl-node';
import { detectLanguage } from '../../../../shared/domain/language';
import type { TranslationItemResult } from '../../../../shared/protocol';
import { formBytes } from './batcher';
import type { EngineTextResult, TranslationEngine } from './engine';
import { backoffDelay, classifyDeeplError, DEFAULT_BACKOFF } from './retry';
import { createTranslationService, type TranslationServiceDeps } from './service';
import { createMemoryTranslationStore } from './store';

interface Call {
  texts: string[];
  source: string | null;
  target: string;
  glossaryId: string | null;
}

/** A DeepL stand-in: `[TARGET] text`, detection by script (else English), scripted failures. */
function fakeEngine() {
  const calls: Call[] = [];
  const failures: unknown[] = [];
  /** DeepL's glossaries: id → (source, target, entries). */
  const glossaries = new Map<string, { source: string; target: string; entries: [string, string][] }>();
  let glossaryCount = 0;
  const engine: TranslationEngine = {
    translate(texts, source, target, glossaryId) {
      calls.push({ texts, source, target, glossaryId });
      const f = failures.shift();
      if (f) return Promise.reject(f instanceof Error ? f : new Error('scripted'));
      // DeepL answers 400 {"message":"Glossary not found"}; deepl-node reports it as a plain
      // DeepLError, not GlossaryNotFoundError (test/peers/deepl/server.ts).
      if (glossaryId !== null && !glossaries.has(glossaryId))
        return Promise.reject(new deepl.DeepLError('Bad request, message: Glossary not found'));
      return Promise.resolve(
        texts.map((t): EngineTextResult => {
          const detected = source ?? detectLanguage(t) ?? 'en';
          return {
            text: detected === target.split('-')[0] ? t : `[${target.toUpperCase()}] ${t}`,
            detectedSourceLang: detected,
            billedCharacters: [...t].length,
          };
        }),
      );
    },
    usage: () => Promise.resolve({ characterCount: 0, characterLimit: 1000 }),
    languages: () =>
      Promise.resolve({
        source: [
          { code: 'en', name: 'English' },
          { code: 'fa', name: 'Persian' },
          { code: 'pl', name: 'Polish' },
          { code: 'zh', name: 'Chinese' },
        ],
        target: [
          { code: 'en-US', name: 'English (American)', supportsFormality: false },
          { code: 'en-GB', name: 'English (British)', supportsFormality: false },
          { code: 'fa', name: 'Persian', supportsFormality: false },
          { code: 'pl', name: 'Polish', supportsFormality: true },
          { code: 'zh', name: 'Chinese', supportsFormality: false },
        ],
        // Only en → pl, not pl → en: a glossary whose reverse DeepL cannot take.
        glossaryPairs: [
          { source: 'en', target: 'zh' },
          { source: 'zh', target: 'en' },
          { source: 'pl', target: 'zh' },
          { source: 'zh', target: 'pl' },
          { source: 'en', target: 'pl' },
        ],
      }),
    createGlossary: (_name, source, target, entries) => {
      const id = `g${++glossaryCount}`;
      glossaries.set(id, { source, target, entries });
      return Promise.resolve(id);
    },
    deleteGlossary: (id) => {
      glossaries.delete(id);
      return Promise.resolve();
    },
  };
  return { engine, calls, failures, glossaries };
}

const sleeps: number[] = [];
function make(over: Partial<TranslationServiceDeps> = {}) {
  const fake = fakeEngine();
  const store = createMemoryTranslationStore();
  const service = createTranslationService({
    engine: fake.engine,
    store,
    batchWindowMs: 20,
    random: () => 0.5,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...over,
  });
  return { ...fake, store, service };
}

const items = (texts: string[], sourceLang?: string) =>
  texts.map((text, i) => ({ id: String(i), text, ...(sourceLang ? { sourceLang } : {}) }));
const translated = (r: TranslationItemResult) => (r.state === 'translated' ? r.text : `<${r.state}>`);

beforeEach(() => {
  vi.useFakeTimers();
  sleeps.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs `p` to completion, firing the batch window timers it waits on. */
async function settle<T>(p: Promise<T>): Promise<T> {
  await vi.runAllTimersAsync();
  return p;
}

describe('batching', () => {
  it('sends at most 50 texts per request', async () => {
    const { service, calls } = make();
    const texts = Array.from({ length: 120 }, (_, i) => `Line ${i} of the packing list`);
    const r = await settle(service.translateTexts('alice', { items: items(texts, 'en'), targetLang: 'pl' }));
    expect(r.items.every((i) => i.state === 'translated')).toBe(true);
    expect(calls.map((c) => c.texts.length)).toEqual([50, 50, 20]);
  });

  it('keeps each request body under 128 KiB', async () => {
    const { service, calls } = make();
    // 5,000 CJK characters are 45,000 bytes form-encoded: two fit in a request, three do not.
    const texts = Array.from({ length: 7 }, (_, i) => `${i}${'货'.repeat(5000)}`);
    await settle(service.translateTexts('alice', { items: items(texts, 'zh'), targetLang: 'en' }));
    expect(calls.map((c) => c.texts.length)).toEqual([2, 2, 2, 1]);
    for (const c of calls)
      expect(c.texts.reduce((n, t) => n + formBytes(t), 0)).toBeLessThanOrEqual(128 * 1024 - 1024);
  });

  it('collects concurrent requests within the window into one DeepL request', async () => {
    const { service, calls } = make();
    const a = service.translateTexts('alice', { items: items(['Good morning'], 'en'), targetLang: 'zh' });
    const b = service.translateTexts('bob', { items: items(['When do you ship?'], 'en'), targetLang: 'zh' });
    const c = service.translateTexts('carol', { items: items(['Invoice attached'], 'en'), targetLang: 'zh' });
    await settle(Promise.all([a, b, c]));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.texts).toHaveLength(3);
  });

  it('groups by source, target and glossary', async () => {
    const { service, calls } = make();
    await settle(
      Promise.all([
        service.translateTexts('alice', { items: items(['one'], 'en'), targetLang: 'zh' }),
        service.translateTexts('alice', { items: items(['two'], 'en'), targetLang: 'pl' }),
        service.translateTexts('alice', { items: items(['三'], 'zh'), targetLang: 'pl' }),
      ]),
    );
    expect(calls.map((c) => `${c.source}>${c.target}`).sort()).toEqual(['en>pl', 'en>zh', 'zh>pl']);
  });

  it('de-duplicates identical texts within a batch', async () => {
    const { service, calls } = make();
    const r = await settle(
      service.translateTexts('alice', {
        items: items(Array(10).fill('Thanks!') as string[], 'en'),
        targetLang: 'zh',
      }),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.texts).toEqual(['Thanks!']);
    expect(r.items.map(translated)).toEqual(Array(10).fill('[ZH] Thanks!'));
  });
});

describe('cache', () => {
  it('a text is translated once for all users, also by another node sharing the store', async () => {
    const { service, calls, store, engine } = make();
    const first = await settle(
      service.translateTexts('alice', { items: items(['What is the MOQ?'], 'en'), targetLang: 'zh' }),
    );
    const second = await settle(
      service.translateTexts('bob', { items: items(['What is the MOQ?'], 'en'), targetLang: 'zh' }),
    );
    expect(calls).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ state: 'translated', cached: false });
    expect(second.items[0]).toMatchObject({
      state: 'translated',
      cached: true,
      text: '[ZH] What is the MOQ?',
    });

    const otherNode = createTranslationService({ engine, store, batchWindowMs: 20 });
    const third = await settle(
      otherNode.translateTexts('carol', { items: items(['What is the MOQ?'], 'en'), targetLang: 'zh' }),
    );
    expect(third.items[0]).toMatchObject({ state: 'translated', cached: true });
    expect(calls).toHaveLength(1);
    expect(otherNode.stats().storeHits).toBe(1);
  });

  it('joins a request already in flight instead of sending the text again', async () => {
    const { service, calls } = make();
    const a = service.translateTexts('alice', { items: items(['Sample ready'], 'en'), targetLang: 'zh' });
    await vi.advanceTimersByTimeAsync(20); // alice's batch is sent…
    const b = service.translateTexts('bob', { items: items(['Sample ready'], 'en'), targetLang: 'zh' }); // …bob asks meanwhile
    await settle(Promise.all([a, b]));
    expect(calls.flatMap((c) => c.texts)).toEqual(['Sample ready']);
  });

  it('an auto-detected text is found again when its language is given later', async () => {
    const { service, calls } = make();
    await settle(
      service.translateTexts('alice', { items: items(['Please confirm the order']), targetLang: 'zh' }),
    );
    const r = await settle(
      service.translateTexts('bob', { items: items(['Please confirm the order'], 'en'), targetLang: 'zh' }),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.source).toBeNull();
    expect(r.items[0]).toMatchObject({ state: 'translated', cached: true });
  });
});

describe('what is never sent', () => {
  it('text in the target language by declared lang or by script', async () => {
    const { service, calls } = make();
    const r = await settle(
      service.translateTexts('alice', {
        items: [
          { id: 'declared', text: 'Dzień dobry', sourceLang: 'pl' },
          { id: 'script', text: '价格是多少？' },
          { id: 'regional', text: 'Hello', sourceLang: 'en-GB' },
        ],
        targetLang: 'zh',
      }),
    );
    expect(r.items.map((i) => i.state)).toEqual(['translated', 'original', 'translated']);
    expect(r.items[1]).toMatchObject({ reason: 'same_language', detectedSourceLang: 'zh' });
    expect(calls.flatMap((c) => c.texts).sort()).toEqual(['Dzień dobry', 'Hello']);

    const again = await settle(
      service.translateTexts('bob', {
        items: [{ id: 'x', text: 'Hello', sourceLang: 'en' }],
        targetLang: 'en-GB',
      }),
    );
    expect(again.items[0]).toMatchObject({ state: 'original', reason: 'same_language' });
    expect(calls.flatMap((c) => c.texts)).toHaveLength(2);
  });

  it('a text DeepL once detected as the target language', async () => {
    const { service, calls } = make();
    await settle(service.translateTexts('alice', { items: items(['see you tomorrow']), targetLang: 'zh' })); // detected: en
    const r = await settle(
      service.translateTexts('bob', { items: items(['see you tomorrow']), targetLang: 'en' }),
    );
    expect(r.items[0]).toMatchObject({
      state: 'original',
      reason: 'same_language',
      detectedSourceLang: 'en',
    });
    expect(calls).toHaveLength(1);
  });

  it('empty and blank strings', async () => {
    const { service, calls } = make();
    const r = await settle(
      service.translateTexts('alice', { items: items(['', '   ', '\n']), targetLang: 'zh' }),
    );
    expect(r.items.every((i) => i.state === 'original' && i.reason === 'empty')).toBe(true);
    expect(calls).toHaveLength(0);
  });
});

describe('faults and retries', () => {
  it('429 is retried with backoff, then succeeds', async () => {
    const { service, calls, failures } = make();
    failures.push(new deepl.TooManyRequestsError('Too many requests'));
    const r = await settle(
      service.translateTexts('alice', { items: items(['hi there'], 'en'), targetLang: 'zh' }),
    );
    expect(r.items[0]).toMatchObject({ state: 'translated' });
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  it('456 (DeepL quota) is not retried and answers quota_exceeded', async () => {
    const { service, calls, failures } = make();
    failures.push(new deepl.QuotaExceededError('Quota for this billing period has been exceeded'));
    const r = await settle(
      service.translateTexts('alice', { items: items(['hi there'], 'en'), targetLang: 'zh' }),
    );
    expect(r.items[0]).toMatchObject({ state: 'failed', code: 'quota_exceeded', retryable: false });
    expect(calls).toHaveLength(1);
  });

  it('5xx is retried up to maxAttempts, then translation_unavailable with a retry hint', async () => {
    const { service, calls, failures } = make();
    failures.push(...[1, 2, 3].map(() => new deepl.DeepLError('Unexpected status code: 502 Bad Gateway')));
    const r = await settle(
      service.translateTexts('alice', { items: items(['hi there'], 'en'), targetLang: 'zh' }),
    );
    expect(calls).toHaveLength(DEFAULT_BACKOFF.maxAttempts);
    expect(r.items[0]).toMatchObject({
      state: 'failed',
      code: 'translation_unavailable',
      retryable: true,
      retryAfterMs: 10_000,
    });
    expect(sleeps).toEqual([500, 1000]);
  });

  it('403 and 400 are not retried', async () => {
    const { service, calls, failures } = make();
    failures.push(
      new deepl.AuthorizationError('Authorization failure'),
      new deepl.DeepLError('Bad request, message: x'),
    );
    const a = await settle(
      service.translateTexts('alice', { items: items(['one'], 'en'), targetLang: 'zh' }),
    );
    const b = await settle(
      service.translateTexts('alice', { items: items(['two'], 'en'), targetLang: 'zh' }),
    );
    expect(calls).toHaveLength(2);
    expect(a.items[0]).toMatchObject({ state: 'failed', code: 'translation_unavailable', retryable: false });
    expect(b.items[0]).toMatchObject({ state: 'failed', retryable: false });
  });

  it('a failure is not cached: the next request tries again', async () => {
    const { service, calls, failures } = make();
    failures.push(new deepl.QuotaExceededError('q'));
    await settle(service.translateTexts('alice', { items: items(['one'], 'en'), targetLang: 'zh' }));
    const r = await settle(
      service.translateTexts('alice', { items: items(['one'], 'en'), targetLang: 'zh' }),
    );
    expect(r.items[0]).toMatchObject({ state: 'translated', cached: false });
    expect(calls).toHaveLength(2);
  });

  it('without a key every item is translation_unavailable, not retryable, and languages say unavailable', async () => {
    const { service } = make({ engine: null });
    const r = await settle(
      service.translateTexts('alice', { items: items(['hello', ''], 'en'), targetLang: 'zh' }),
    );
    expect(r.items[0]).toMatchObject({ state: 'failed', code: 'translation_unavailable', retryable: false });
    expect(r.items[1]).toMatchObject({ state: 'original', reason: 'empty' });
    expect(await service.languages()).toEqual({ available: false, languages: [], glossaryPairs: [] });
  });
});

describe('retry policy', () => {
  it.each([
    [new deepl.TooManyRequestsError('x'), true, true],
    [new deepl.ConnectionError('Connection failure: timeout of 5000ms exceeded', true), true, true],
    [new deepl.ConnectionError('Connection failure: connect ECONNREFUSED', false), false, true],
    [new deepl.DeepLError('Service unavailable'), true, true],
    [new deepl.DeepLError('Unexpected status code: 500 Internal Server Error'), true, true],
    [new deepl.QuotaExceededError('x'), false, false],
    [new deepl.AuthorizationError('x'), false, false],
    [new deepl.DeepLError('Bad request, message: x'), false, false],
    [new Error('something else'), false, false],
  ])('%s → inline %s, retryable %s', (err, inline, retryable) => {
    const c = classifyDeeplError(err);
    expect(c.retryInline).toBe(inline);
    expect(c.retryable).toBe(retryable);
  });

  it('deepl-node errors are told apart by class, not name', () => {
    expect(new deepl.QuotaExceededError('x').name).toBe('Error');
    expect(classifyDeeplError(new deepl.QuotaExceededError('x')).code).toBe('quota_exceeded');
  });

  it('backoff grows exponentially, is capped and jittered ±25 %', () => {
    const p = DEFAULT_BACKOFF;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p, () => 0.5))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(backoffDelay(1, p, () => 0)).toBe(375);
    expect(backoffDelay(1, p, () => 0.999999)).toBe(625);
  });
});

describe('budget', () => {
  it('refuses new characters beyond the monthly budget for that member only; cache hits stay free', async () => {
    const { service, calls } = make({ monthlyBudgetChars: 20 });
    const a = await settle(
      service.translateTexts('alice', { items: items(['fifteen chars!!'], 'en'), targetLang: 'zh' }),
    );
    expect(a.items[0]).toMatchObject({ state: 'translated' });
    const b = await settle(
      service.translateTexts('alice', { items: items(['another fifteen'], 'en'), targetLang: 'zh' }),
    );
    expect(b.items[0]).toMatchObject({ state: 'failed', code: 'quota_exceeded', retryable: false });
    const c = await settle(
      service.translateTexts('bob', { items: items(['another fifteen'], 'en'), targetLang: 'zh' }),
    );
    expect(c.items[0]).toMatchObject({ state: 'translated' });
    const d = await settle(
      service.translateTexts('alice', { items: items(['another fifteen'], 'en'), targetLang: 'zh' }),
    );
    expect(d.items[0]).toMatchObject({ state: 'translated', cached: true });
    expect(calls).toHaveLength(2);
    const usage = await service.usage();
    expect(usage.members).toEqual([
      { memberId: 'alice', characters: 15, budget: 20 },
      { memberId: 'bob', characters: 15, budget: 20 },
    ]);
  });

  it('a per-member override replaces the default', async () => {
    const { service } = make({ monthlyBudgetChars: 1000 });
    await service.setBudget('alice', 3);
    const r = await settle(
      service.translateTexts('alice', { items: items(['four'], 'en'), targetLang: 'zh' }),
    );
    expect(r.items[0]).toMatchObject({ state: 'failed', code: 'quota_exceeded' });
  });

  it('the budget resets with the month', async () => {
    let now = new Date('2026-01-31T23:00:00Z');
    const { service } = make({ monthlyBudgetChars: 5, now: () => now });
    await settle(service.translateTexts('alice', { items: items(['abcde'], 'en'), targetLang: 'zh' }));
    expect(
      (await settle(service.translateTexts('alice', { items: items(['fghij'], 'en'), targetLang: 'zh' })))
        .items[0]?.state,
    ).toBe('failed');
    now = new Date('2026-02-01T00:00:00Z');
    expect(
      (await settle(service.translateTexts('alice', { items: items(['fghij'], 'en'), targetLang: 'zh' })))
        .items[0]?.state,
    ).toBe('translated');
  });
});

describe('preview, languages, glossaries', () => {
  it('preview translates and back-translates into the writer language', async () => {
    const { service } = make();
    const r = await settle(
      service.preview('alice', { text: 'Can you do FOB Ningbo?', targetLang: 'zh', sourceLang: 'en' }),
    );
    expect(r.translation).toMatchObject({ state: 'translated', text: '[ZH] Can you do FOB Ningbo?' });
    expect(r.backTranslation).toMatchObject({
      state: 'translated',
      text: '[EN-US] [ZH] Can you do FOB Ningbo?',
    });
  });

  it('languages say which lack glossaries (Persian)', async () => {
    const { service } = make();
    const l = await service.languages();
    expect(l.languages.find((x) => x.code === 'fa')).toMatchObject({
      source: true,
      target: true,
      glossary: false,
    });
    expect(l.languages.find((x) => x.code === 'en-US')).toMatchObject({
      source: true,
      target: true,
      glossary: true,
    });
  });

  it('a glossary for a Persian pair is refused plainly', async () => {
    const { service } = make();
    await expect(
      service.putGlossary('alice', {
        scope: { kind: 'contact', memberId: 'reza' },
        sourceLang: 'en',
        targetLang: 'fa',
        entries: [{ source: 'MOQ', target: 'حداقل سفارش' }],
      }),
    ).rejects.toMatchObject({ code: 'unsupported', message: expect.stringContaining('Persian') as unknown });
  });

  it('a contact glossary is used for that owner and partner only, and changes the cache key', async () => {
    const { service, calls } = make();
    const g = await service.putGlossary('alice', {
      scope: { kind: 'contact', memberId: 'wei' },
      sourceLang: 'en',
      targetLang: 'zh',
      entries: [{ source: 'MOQ', target: '最小起订量' }],
    });
    expect(g).toMatchObject({
      sourceLang: 'en',
      targetLang: 'zh',
      entries: [{ source: 'MOQ', target: '最小起订量' }],
    });
    await settle(
      service.translateTexts('alice', { items: items(['MOQ?'], 'en'), targetLang: 'zh', partner: 'wei' }),
    );
    await settle(
      service.translateTexts('bob', { items: items(['MOQ?'], 'en'), targetLang: 'zh', partner: 'wei' }),
    );
    expect(calls.map((c) => c.glossaryId !== null)).toEqual([true, false]);
    expect(await service.listGlossaries('alice')).toHaveLength(1);
    await service.deleteGlossary('alice', g.id);
    expect(await service.listGlossaries('alice')).toHaveLength(0);
  });
});

describe('request size as deepl-node sends it', () => {
  it("measures text as URLSearchParams encodes it: ! ' ( ) ~ are three bytes, a space one", () => {
    expect(formBytes("!'()~")).toBe('&text='.length + 15);
    expect(formBytes('a b')).toBe('&text=a+b'.length);
    expect(formBytes('货')).toBe('&text='.length + 9);
    const texts = ['Hello (world)!', "it's ~ok~", '最小起订量'];
    const body = new URLSearchParams(texts.map((t) => ['text', t])).toString();
    expect(texts.reduce((n, t) => n + formBytes(t), 0)).toBe(body.length + 1);
  });

  it('splits texts full of such characters so no request passes 128 KiB', async () => {
    const { service, calls } = make();
    // 8,000 × "!" is 8,000 bytes by encodeURIComponent but 24,000 in the body deepl-node sends.
    const texts = Array.from({ length: 12 }, (_, i) => `${i}${"!'()~".repeat(1600)}`);
    await settle(service.translateTexts('alice', { items: items(texts, 'en'), targetLang: 'zh' }));
    expect(calls.flatMap((c) => c.texts)).toHaveLength(12);
    for (const c of calls)
      expect(new URLSearchParams(c.texts.map((t) => ['text', t])).toString().length).toBeLessThanOrEqual(
        128 * 1024 - 1024,
      );
  });
});

describe('glossaries in both directions, per contact or group', () => {
  it('one glossary also serves what the partner writes back, through its reversed upload', async () => {
    const { service, calls, glossaries } = make();
    const g = await service.putGlossary('alice', {
      scope: { kind: 'contact', memberId: 'wei' },
      sourceLang: 'en',
      targetLang: 'zh',
      entries: [
        { source: 'MOQ', target: '最小起订量' },
        { source: 'minimum order', target: '最小起订量' },
        { source: 'FOB', target: '离岸价' },
      ],
    });
    expect(g.reverse).toBe(true);
    const uploaded = [...glossaries.values()];
    expect(uploaded.map((x) => `${x.source}>${x.target}`)).toEqual(['en>zh', 'zh>en']);
    // Two source terms with one translation: the first one is the reverse's.
    expect(uploaded[1]?.entries).toEqual([
      ['最小起订量', 'MOQ'],
      ['离岸价', 'FOB'],
    ]);
    // Wei writes Chinese to Alice, who reads English: the reversed glossary applies.
    const r = await settle(
      service.translateTexts('alice', {
        items: items(['最小起订量是多少？'], 'zh'),
        targetLang: 'en',
        partner: 'wei',
      }),
    );
    expect(r.items[0]).toMatchObject({ state: 'translated', glossary: true });
    const [forward, reverse] = [...glossaries.keys()];
    expect(calls.at(-1)).toMatchObject({ source: 'zh', target: 'en-US', glossaryId: reverse });
    await settle(
      service.translateTexts('alice', { items: items(['MOQ?'], 'en'), targetLang: 'zh', partner: 'wei' }),
    );
    expect(calls.at(-1)?.glossaryId).toBe(forward);
    // Deleting removes both uploads.
    await service.deleteGlossary('alice', g.id);
    expect(glossaries.size).toBe(0);
  });

  it('no reverse where DeepL lacks the reversed pair', async () => {
    const { service, glossaries } = make();
    const g = await service.putGlossary('alice', {
      scope: { kind: 'contact', memberId: 'ola' },
      sourceLang: 'en',
      targetLang: 'pl',
      entries: [{ source: 'MOQ', target: 'MOQ' }],
    });
    expect(g.reverse).toBe(false);
    expect(glossaries.size).toBe(1);
  });

  it('a group glossary applies when the contact has none; a contact glossary wins over it', async () => {
    const { service, calls, glossaries } = make();
    await service.putGlossary('alice', {
      scope: { kind: 'group', groupId: 'suppliers' },
      sourceLang: 'en',
      targetLang: 'zh',
      entries: [{ source: 'MOQ', target: '起订量' }],
    });
    const groupId = [...glossaries.keys()][0];
    await settle(
      service.translateTexts('alice', {
        items: items(['MOQ please'], 'en'),
        targetLang: 'zh',
        partner: 'wei',
        groupId: 'suppliers',
      }),
    );
    expect(calls.at(-1)?.glossaryId).toBe(groupId);
    await service.putGlossary('alice', {
      scope: { kind: 'contact', memberId: 'wei' },
      sourceLang: 'en',
      targetLang: 'zh',
      entries: [{ source: 'MOQ', target: '最小起订量' }],
    });
    const contactId = [...glossaries.keys()][2];
    await settle(
      service.translateTexts('alice', {
        items: items(['MOQ now'], 'en'),
        targetLang: 'zh',
        partner: 'wei',
        groupId: 'suppliers',
      }),
    );
    expect(calls.at(-1)?.glossaryId).toBe(contactId);
  });

  it('looks glossaries up once per source language in a request, not once per item', async () => {
    const { service, store } = make();
    await service.putGlossary('alice', {
      scope: { kind: 'contact', memberId: 'wei' },
      sourceLang: 'en',
      targetLang: 'zh',
      entries: [{ source: 'MOQ', target: '最小起订量' }],
    });
    const find = vi.spyOn(store, 'findGlossary');
    const texts = Array.from({ length: 20 }, (_, i) => `MOQ line ${i}`);
    const r = await settle(
      service.translateTexts('alice', {
        items: items(texts, 'en'),
        targetLang: 'zh',
        partner: 'wei',
        groupId: 'suppliers',
      }),
    );
    expect(r.items.every((i) => i.state === 'translated' && i.glossary)).toBe(true);
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('a glossary gone missing at DeepL: translated without it now, uploaded again for later texts', async () => {
    const { service, calls, glossaries, store } = make();
    const g = await service.putGlossary('alice', {
      scope: { kind: 'contact', memberId: 'wei' },
      sourceLang: 'en',
      targetLang: 'zh',
      entries: [{ source: 'MOQ', target: '最小起订量' }],
    });
    const [forward] = [...glossaries.keys()];
    glossaries.delete(forward!); // deleted at DeepL behind our back
    const r = await settle(
      service.translateTexts('alice', {
        items: items(['What is the MOQ?'], 'en'),
        targetLang: 'zh',
        partner: 'wei',
      }),
    );
    expect(r.items[0]).toMatchObject({ state: 'translated', text: '[ZH] What is the MOQ?', glossary: false });
    expect(calls.slice(-2).map((c) => c.glossaryId)).toEqual([forward, null]);
    await service.flush();
    const repaired = await store.findGlossary('alice', g.scope, 'en', 'zh');
    expect(repaired?.deeplId).toBeTruthy();
    expect(repaired?.deeplId).not.toBe(forward);
    expect(glossaries.has(repaired!.deeplId!)).toBe(true);
    expect(service.stats()).toMatchObject({ staleGlossaries: 1, glossariesReuploaded: 1 });
    // The glossary-less answer was not cached under the glossary: the same text now gets it.
    const again = await settle(
      service.translateTexts('alice', {
        items: items(['What is the MOQ?'], 'en'),
        targetLang: 'zh',
        partner: 'wei',
      }),
    );
    expect(again.items[0]).toMatchObject({ state: 'translated', glossary: true, cached: false });
    expect(calls.at(-1)?.glossaryId).toBe(repaired?.deeplId);
  });

  it('a failed re-upload puts the stale id back, so a later request tries again', async () => {
    const { service, engine, glossaries, store } = make();
    const g = await service.putGlossary('alice', {
      scope: { kind: 'contact', memberId: 'wei' },
      sourceLang: 'en',
      targetLang: 'zh',
      entries: [{ source: 'MOQ', target: '最小起订量' }],
    });
    const [forward] = [...glossaries.keys()];
    glossaries.delete(forward!);
    vi.spyOn(engine, 'createGlossary').mockRejectedValueOnce(new deepl.AuthorizationError('no'));
    const r = await settle(
      service.translateTexts('alice', { items: items(['MOQ?'], 'en'), targetLang: 'zh', partner: 'wei' }),
    );
    expect(r.items[0]).toMatchObject({ state: 'translated', glossary: false });
    await service.flush();
    expect((await store.findGlossary('alice', g.scope, 'en', 'zh'))?.deeplId).toBe(forward);
  });
});

describe('languages DeepL does not offer', () => {
  it('are answered unsupported at once, naming the language, and never sent', async () => {
    const { service, calls } = make();
    const r = await settle(
      service.translateTexts('alice', {
        items: [
          { id: 'sw', text: 'Habari, bei gani?', sourceLang: 'sw' },
          { id: 'zh', text: '价格是多少？' },
          { id: 'same', text: 'Hello', sourceLang: 'en' },
        ],
        targetLang: 'en',
      }),
    );
    expect(r.items[0]).toMatchObject({
      state: 'failed',
      code: 'unsupported',
      retryable: false,
      lang: 'sw',
      message: expect.stringContaining('from Swahili') as unknown,
    });
    expect(r.items[1]).toMatchObject({ state: 'translated' });
    expect(r.items[2]).toMatchObject({ state: 'original', reason: 'same_language' });
    const into = await settle(
      service.translateTexts('alice', {
        items: [
          { id: 'x', text: 'Hello', sourceLang: 'en' },
          { id: 'y', text: 'hmm' },
        ],
        targetLang: 'ga',
      }),
    );
    expect(into.items.map((i) => i.state === 'failed' && i.code)).toEqual(['unsupported', 'unsupported']);
    expect(into.items[0]).toMatchObject({
      lang: 'ga',
      message: expect.stringContaining('into Irish') as unknown,
    });
    expect(calls.flatMap((c) => c.texts)).toEqual(['价格是多少？']);
    expect(service.stats().unsupported).toBe(3);
  });

  it('are not refused while the language list cannot be had', async () => {
    const { service, engine, calls } = make({ retry: { maxAttempts: 1 } });
    vi.spyOn(engine, 'languages').mockRejectedValue(new deepl.DeepLError('Service unavailable'));
    const r = await settle(
      service.translateTexts('alice', { items: items(['Habari'], 'sw'), targetLang: 'en' }),
    );
    expect(r.items[0]).toMatchObject({ state: 'translated' });
    expect(calls).toHaveLength(1);
  });
});

describe('transport failures', () => {
  const connection = (code: string | undefined, shouldRetry: boolean): deepl.ConnectionError => {
    const e = new deepl.ConnectionError(`Connection failure: ${code ?? 'x'}`, shouldRetry);
    if (code) e.error = Object.assign(new Error(code), { code });
    return e;
  };
  it.each([
    ['ECONNRESET', true, 'network'],
    ['EPIPE', true, 'network'],
    ['ETIMEDOUT', true, 'timeout'],
    ['ECONNABORTED', true, 'timeout'],
    ['ECONNREFUSED', false, 'network_down'],
    ['ENOTFOUND', false, 'network_down'],
  ])('%s → inline %s (%s), whatever deepl-node flagged', (code, inline, kind) => {
    for (const flagged of [true, false]) {
      const c = classifyDeeplError(connection(code, flagged));
      expect(c).toMatchObject({ retryInline: inline, retryable: true, kind });
    }
    expect(classifyDeeplError(connection('ECONNREFUSED', false)).retryAfterMs).toBe(30_000);
  });
});
