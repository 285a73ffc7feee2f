import { describe, expect, it } from 'vitest';
import { indexTokens, parseQuery } from '../../../../shared/search/tokenize';
import { arrayStream, newestDocs, prefixes, rarest } from './walk';

/** Posting ids of docs (× 2, + 1 for a machine translation's posting), largest first. */
const keys = (...docs: [number, 0 | 1][]): number[] => docs.map(([d, p]) => d * 2 + p).sort((a, b) => b - a);
const yes = (): boolean => true;

describe('newestDocs', () => {
  it('merges the words of a prefix newest first, each doc once, and stops after limit + 1', async () => {
    // "zam" → zamowienie, zamowic: doc 9 holds both words and both postings.
    const zamowienie = keys([9, 0], [9, 1], [7, 0], [3, 0]);
    const zamowic = keys([9, 0], [8, 1], [3, 1], [1, 0]);
    const seen: number[] = [];
    const r = await newestDocs(
      [arrayStream(zamowienie), arrayStream(zamowic)],
      (d) => (seen.push(d), true),
      3,
    );
    expect(r).toEqual({ docs: [9, 8, 7], total: null, gaveUp: false });
    expect(seen).toEqual([9, 8, 7, 3]); // one beyond the limit tells that more match
  });

  it('knows the total when the words run out first', async () => {
    const r = await newestDocs([arrayStream(keys([5, 0], [2, 1])), arrayStream([])], yes, 50);
    expect(r).toEqual({ docs: [5, 2], total: 2, gaveUp: false });
  });

  it('keeps only what the checks accept, down to the date bound', async () => {
    const words = arrayStream(keys([10, 0], [9, 0], [8, 0], [6, 1], [4, 0], [2, 0]));
    const even = (d: number): Promise<boolean> => Promise.resolve(d % 2 === 0);
    const r = await newestDocs([words], even, 50, 4);
    expect(r).toEqual({ docs: [10, 8, 6, 4], total: 4, gaveUp: false });
  });

  it('gives up after too many refused candidates', async () => {
    const words = arrayStream(keys([6, 0], [5, 0], [4, 0], [3, 0]));
    const r = await newestDocs([words], (d) => d === 3, 50, -Infinity, 2);
    expect(r.gaveUp).toBe(true);
  });

  it('answers exactly what an intersection of the whole lists answers', async () => {
    // Random postings of 3 words over 200 docs, checked by a second term on a doc set.
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const lists = [0, 1, 2].map(() => {
      const out: [number, 0 | 1][] = [];
      for (let d = 0; d < 200; d++) if (rnd() < 0.2) out.push([d, rnd() < 0.5 ? 0 : 1]);
      return keys(...out);
    });
    const other = new Set([...Array(200).keys()].filter(() => rnd() < 0.5));
    const all = [...new Set(lists.flat().map((p) => Math.floor(p / 2)))]
      .filter((d) => other.has(d) && d >= 20)
      .sort((a, b) => b - a);
    const r = await newestDocs(lists.map(arrayStream), (d) => other.has(d), 10, 20);
    expect(r.docs).toEqual(all.slice(0, 10));
    expect(r.total).toBeNull();
    const every = await newestDocs(lists.map(arrayStream), (d) => other.has(d), 1000, 20);
    expect(every).toEqual({ docs: all, total: all.length, gaveUp: false });
  });
});

describe('rarest', () => {
  it('drives by the term with the fewest postings', () => {
    expect(rarest([16_000, 4, 900])).toBe(1);
    expect(rarest([3, 3])).toBe(0);
    expect(rarest([0])).toBe(0);
  });
});

describe('prefixes (the check of the other terms on a candidate)', () => {
  /** The candidate check as the query runs it: every term prefixes a word of the doc's postings. */
  const check = (query: string, ...texts: string[]): boolean => {
    const words = texts.flatMap(indexTokens);
    return parseQuery(query).terms.every((t) => prefixes(words, t));
  };

  it('finds Polish and Romanian words typed without diacritics, and by prefix', () => {
    expect(check('probki', 'Wysyłamy próbki jutro')).toBe(true);
    expect(check('zam prob', 'Zamówienie i próbki')).toBe(true);
    expect(check('stiinta', 'Știință')).toBe(true);
    expect(check('probki faktura', 'Wysyłamy próbki jutro')).toBe(false);
  });

  it('finds a word in the original or in its translation, in any script', () => {
    expect(check('样品 probki', '我们明天寄样品', 'Wyślemy próbki jutro')).toBe(true);
    expect(check('ip65', 'Lampa IP65, gwarancja 3 lata')).toBe(true);
    expect(check('гарантия', 'Гарантия три года')).toBe(true);
    expect(check('نمونه', 'نمونه‌ها فردا ارسال می‌شوند')).toBe(true);
  });

  it('takes the order word exactly, not as a prefix', () => {
    expect(prefixes(['#o:po-12', 'lampa'], '#o:po-1', true)).toBe(false);
    expect(prefixes(['#o:po-12', 'lampa'], '#o:po-12', true)).toBe(true);
    expect(prefixes(['#o:po-12'], '#o:po-1')).toBe(true);
  });
});
