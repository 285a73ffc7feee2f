import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as deepl from 'deepl-node';
import { detectLanguage } from '../../../shared/domain/language';
import type { TranslationItemResult } from '../../../shared/protocol';
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
  const engine: TranslationEngine = {
    translate(texts, source, target, glossaryId) {
      calls.push({ texts, source, target, glossaryId });
      const f = failures.shift();
      if (f) return Promise.reject(f instanceof Error ? f : new Error('scripted'));
      return Promise.resolve(
        texts.map((t): EngineTextResult => {
          const detected = source ?? detectLanguage(t) ?? 'en';
          return { text: detected === target.split('-')[0] ? t : `[${target.toUpperCase()}] ${t}`, detectedSourceLang: detected, billedCharacters: [...t].length };
        }),
      );
    },
    usage: () => Promise.resolve({ characterCount: 0, characterLimit: 1000 }),
    languages: () =>
      Promise.resolve({
        source: [
          { code: 'en', name: 'English' },
          { code: 'fa', name: 'Persian' },
          { code: 'zh', name: 'Chinese' },
        ],
        target: [
          { code: 'en-US', name: 'English (American)', supportsFormality: false },
          { code: 'fa', name: 'Persian', supportsFormality: false },
          { code: 'zh', name: 'Chinese', supportsFormality: false },
        ],
        glossaryPairs: [
          { source: 'en', target: 'zh' },
          { source: 'zh', target: 'en' },
        ],
      }),
    createGlossary: (name) => Promise.resolve(`g-${name.length}-${calls.length}`),
    deleteGlossary: () => Promise.resolve(),
  };
  return { engine, calls, failures };
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

const items = (texts: string[], sourceLang?: string) => texts.map((text, i) => ({ id: String(i), text, ...(sourceLang ? { sourceLang } : {}) }));
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
    for (const c of calls) expect(c.texts.reduce((n, t) => n + formBytes(t), 0)).toBeLessThanOrEqual(128 * 1024 - 1024);
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
    const r = await settle(service.translateTexts('alice', { items: items(Array(10).fill('Thanks!') as string[], 'en'), targetLang: 'zh' }));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.texts).toEqual(['Thanks!']);
    expect(r.items.map(translated)).toEqual(Array(10).fill('[ZH] Thanks!'));
  });
});

describe('cache', () => {
  it('a text is translated once for all users, also by another node sharing the store', async () => {
    const { service, calls, store, engine } = make();
    const first = await settle(service.translateTexts('alice', { items: items(['What is the MOQ?'], 'en'), targetLang: 'zh' }));
    const second = await settle(service.translateTexts('bob', { items: items(['What is the MOQ?'], 'en'), targetLang: 'zh' }));
    expect(calls).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ state: 'translated', cached: false });
    expect(second.items[0]).toMatchObject({ state: 'translated', cached: true, text: '[ZH] What is the MOQ?' });

    const otherNode = createTranslationService({ engine, store, batchWindowMs: 20 });
    const third = await settle(otherNode.translateTexts('carol', { items: items(['What is the MOQ?'], 'en'), targetLang: 'zh' }));
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
    await settle(service.translateTexts('alice', { items: items(['Please confirm the order']), targetLang: 'zh' }));
    const r = await settle(service.translateTexts('bob', { items: items(['Please confirm the order'], 'en'), targetLang: 'zh' }));
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

    const again = await settle(service.translateTexts('bob', { items: [{ id: 'x', text: 'Hello', sourceLang: 'en' }], targetLang: 'en-GB' }));
    expect(again.items[0]).toMatchObject({ state: 'original', reason: 'same_language' });
    expect(calls.flatMap((c) => c.texts)).toHaveLength(2);
  });

  it('a text DeepL once detected as the target language', async () => {
    const { service, calls } = make();
    await settle(service.translateTexts('alice', { items: items(['see you tomorrow']), targetLang: 'zh' })); // detected: en
    const r = await settle(service.translateTexts('bob', { items: items(['see you tomorrow']), targetLang: 'en' }));
    expect(r.items[0]).toMatchObject({ state: 'original', reason: 'same_language', detectedSourceLang: 'en' });
    expect(calls).toHaveLength(1);
  });

  it('empty and blank strings', async () => {
    const { service, calls } = make();
    const r = await settle(service.translateTexts('alice', { items: items(['', '   ', '\n']), targetLang: 'zh' }));
    expect(r.items.every((i) => i.state === 'original' && i.reason === 'empty')).toBe(true);
    expect(calls).toHaveLength(0);
  });
});

describe('faults and retries', () => {
  it('429 is retried with backoff, then succeeds', async () => {
    const { service, calls, failures } = make();
    failures.push(new deepl.TooManyRequestsError('Too many requests'));
    const r = await settle(service.translateTexts('alice', { items: items(['hi there'], 'en'), targetLang: 'zh' }));
    expect(r.items[0]).toMatchObject({ state: 'translated' });
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  it('456 (DeepL quota) is not retried and answers quota_exceeded', async () => {
    const { service, calls, failures } = make();
    failures.push(new deepl.QuotaExceededError('Quota for this billing period has been exceeded'));
    const r = await settle(service.translateTexts('alice', { items: items(['hi there'], 'en'), targetLang: 'zh' }));
    expect(r.items[0]).toMatchObject({ state: 'failed', code: 'quota_exceeded', retryable: false });
    expect(calls).toHaveLength(1);
  });

  it('5xx is retried up to maxAttempts, then translation_unavailable with a retry hint', async () => {
    const { service, calls, failures } = make();
    failures.push(...[1, 2, 3].map(() => new deepl.DeepLError('Unexpected status code: 502 Bad Gateway')));
    const r = await settle(service.translateTexts('alice', { items: items(['hi there'], 'en'), targetLang: 'zh' }));
    expect(calls).toHaveLength(DEFAULT_BACKOFF.maxAttempts);
    expect(r.items[0]).toMatchObject({ state: 'failed', code: 'translation_unavailable', retryable: true, retryAfterMs: 10_000 });
    expect(sleeps).toEqual([500, 1000]);
  });

  it('403 and 400 are not retried', async () => {
    const { service, calls, failures } = make();
    failures.push(new deepl.AuthorizationError('Authorization failure'), new deepl.DeepLError('Bad request, message: x'));
    const a = await settle(service.translateTexts('alice', { items: items(['one'], 'en'), targetLang: 'zh' }));
    const b = await settle(service.translateTexts('alice', { items: items(['two'], 'en'), targetLang: 'zh' }));
    expect(calls).toHaveLength(2);
    expect(a.items[0]).toMatchObject({ state: 'failed', code: 'translation_unavailable', retryable: false });
    expect(b.items[0]).toMatchObject({ state: 'failed', retryable: false });
  });

  it('a failure is not cached: the next request tries again', async () => {
    const { service, calls, failures } = make();
    failures.push(new deepl.QuotaExceededError('q'));
    await settle(service.translateTexts('alice', { items: items(['one'], 'en'), targetLang: 'zh' }));
    const r = await settle(service.translateTexts('alice', { items: items(['one'], 'en'), targetLang: 'zh' }));
    expect(r.items[0]).toMatchObject({ state: 'translated', cached: false });
    expect(calls).toHaveLength(2);
  });

  it('without a key every item is translation_unavailable, not retryable, and languages say unavailable', async () => {
    const { service } = make({ engine: null });
    const r = await settle(service.translateTexts('alice', { items: items(['hello', ''], 'en'), targetLang: 'zh' }));
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
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p, () => 0.5))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(1, p, () => 0)).toBe(375);
    expect(backoffDelay(1, p, () => 0.999999)).toBe(625);
  });
});

describe('budget', () => {
  it('refuses new characters beyond the monthly budget for that member only; cache hits stay free', async () => {
    const { service, calls } = make({ monthlyBudgetChars: 20 });
    const a = await settle(service.translateTexts('alice', { items: items(['fifteen chars!!'], 'en'), targetLang: 'zh' }));
    expect(a.items[0]).toMatchObject({ state: 'translated' });
    const b = await settle(service.translateTexts('alice', { items: items(['another fifteen'], 'en'), targetLang: 'zh' }));
    expect(b.items[0]).toMatchObject({ state: 'failed', code: 'quota_exceeded', retryable: false });
    const c = await settle(service.translateTexts('bob', { items: items(['another fifteen'], 'en'), targetLang: 'zh' }));
    expect(c.items[0]).toMatchObject({ state: 'translated' });
    const d = await settle(service.translateTexts('alice', { items: items(['another fifteen'], 'en'), targetLang: 'zh' }));
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
    const r = await settle(service.translateTexts('alice', { items: items(['four'], 'en'), targetLang: 'zh' }));
    expect(r.items[0]).toMatchObject({ state: 'failed', code: 'quota_exceeded' });
  });

  it('the budget resets with the month', async () => {
    let now = new Date('2026-01-31T23:00:00Z');
    const { service } = make({ monthlyBudgetChars: 5, now: () => now });
    await settle(service.translateTexts('alice', { items: items(['abcde'], 'en'), targetLang: 'zh' }));
    expect((await settle(service.translateTexts('alice', { items: items(['fghij'], 'en'), targetLang: 'zh' }))).items[0]?.state).toBe('failed');
    now = new Date('2026-02-01T00:00:00Z');
    expect((await settle(service.translateTexts('alice', { items: items(['fghij'], 'en'), targetLang: 'zh' }))).items[0]?.state).toBe('translated');
  });
});

describe('preview, languages, glossaries', () => {
  it('preview translates and back-translates into the writer language', async () => {
    const { service } = make();
    const r = await settle(service.preview('alice', { text: 'Can you do FOB Ningbo?', targetLang: 'zh', sourceLang: 'en' }));
    expect(r.translation).toMatchObject({ state: 'translated', text: '[ZH] Can you do FOB Ningbo?' });
    expect(r.backTranslation).toMatchObject({ state: 'translated', text: '[EN-US] [ZH] Can you do FOB Ningbo?' });
  });

  it('languages say which lack glossaries (Persian)', async () => {
    const { service } = make();
    const l = await service.languages();
    expect(l.languages.find((x) => x.code === 'fa')).toMatchObject({ source: true, target: true, glossary: false });
    expect(l.languages.find((x) => x.code === 'en-US')).toMatchObject({ source: true, target: true, glossary: true });
  });

  it('a glossary for a Persian pair is refused plainly', async () => {
    const { service } = make();
    await expect(
      service.putGlossary('alice', { scope: { kind: 'contact', memberId: 'reza' }, sourceLang: 'en', targetLang: 'fa', entries: [{ source: 'MOQ', target: 'حداقل سفارش' }] }),
    ).rejects.toMatchObject({ code: 'unsupported', message: expect.stringContaining('Persian') as unknown });
  });

  it('a contact glossary is used for that owner and partner only, and changes the cache key', async () => {
    const { service, calls } = make();
    const g = await service.putGlossary('alice', { scope: { kind: 'contact', memberId: 'wei' }, sourceLang: 'en', targetLang: 'zh', entries: [{ source: 'MOQ', target: '最小起订量' }] });
    expect(g).toMatchObject({ sourceLang: 'en', targetLang: 'zh', entries: [{ source: 'MOQ', target: '最小起订量' }] });
    await settle(service.translateTexts('alice', { items: items(['MOQ?'], 'en'), targetLang: 'zh', partner: 'wei' }));
    await settle(service.translateTexts('bob', { items: items(['MOQ?'], 'en'), targetLang: 'zh', partner: 'wei' }));
    expect(calls.map((c) => c.glossaryId !== null)).toEqual([true, false]);
    expect(await service.listGlossaries('alice')).toHaveLength(1);
    await service.deleteGlossary('alice', g.id);
    expect(await service.listGlossaries('alice')).toHaveLength(0);
  });
});
