import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTokens, parseQuery } from '../../../../shared/search/tokenize';
import type { SearchPostingRow } from '../../db/rows/search';
import {
  arrayStream,
  candidateCheck,
  conversationWindow,
  conversationsWithHeld,
  docFromPostings,
  eachDoc,
  knownWords,
  newestDocs,
  prefixes,
  rarest,
  refines,
  rereadStream,
  scanNewest,
  wordsWithHeld,
  type CheckedTerm,
  type ConversationPage,
  type PostingStream,
} from './walk';

/** Posting ids of docs (× 2, + 1 for a machine translation's posting), largest first. */
const keys = (...docs: [number, 0 | 1][]): number[] => docs.map(([d, p]) => d * 2 + p).sort((a, b) => b - a);
const yes = eachDoc(() => true);

describe('newestDocs', () => {
  it('merges the words of a prefix newest first, each doc once, and stops after limit + 1', async () => {
    // "zam" → zamowienie, zamowic: doc 9 holds both words and both postings.
    const zamowienie = keys([9, 0], [9, 1], [7, 0], [3, 0]);
    const zamowic = keys([9, 0], [8, 1], [3, 1], [1, 0]);
    const seen: number[] = [];
    const r = await newestDocs(
      [arrayStream(zamowienie), arrayStream(zamowic)],
      eachDoc((d) => (seen.push(d), true)),
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
    const r = await newestDocs([words], eachDoc(even), 50, 4);
    expect(r).toEqual({ docs: [10, 8, 6, 4], total: 4, gaveUp: false });
  });

  it('gives up after too many refused candidates', async () => {
    const words = arrayStream(keys([6, 0], [5, 0], [4, 0], [3, 0]));
    const r = await newestDocs(
      [words],
      eachDoc((d) => d === 3),
      50,
      -Infinity,
      2,
    );
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
    const r = await newestDocs(
      lists.map(arrayStream),
      eachDoc((d) => other.has(d)),
      10,
      20,
    );
    expect(r.docs).toEqual(all.slice(0, 10));
    expect(r.total).toBeNull();
    const every = await newestDocs(
      lists.map(arrayStream),
      eachDoc((d) => other.has(d)),
      1000,
      20,
    );
    expect(every).toEqual({ docs: all, total: all.length, gaveUp: false });
  });
});

/** A random little index: docs with a conversation and the words of their two postings. */
interface Doc {
  id: number;
  conversation: string;
  own: string[];
  translated: string[];
}
const VOCABULARY = [
  'probki',
  'probka',
  'prob',
  'zamowienie',
  'zam',
  'ip65',
  '样品',
  '品',
  'гарантия',
  'نمونه',
];
const arbDocs = fc
  .uniqueArray(
    fc.record({
      id: fc.integer({ min: 0, max: 5000 }),
      conversation: fc.constantFrom('a', 'b', 'c', 'd'),
      own: fc.uniqueArray(fc.constantFrom(...VOCABULARY), { maxLength: 4 }),
      translated: fc.uniqueArray(fc.constantFrom(...VOCABULARY), { maxLength: 3 }),
    }),
    { selector: (d) => d.id, maxLength: 400 },
  )
  .map((docs): Doc[] => docs);
const arbTerm = fc.record({
  text: fc.constantFrom('prob', 'probk', 'probki', 'zam', 'ip', '样品', '品', 'гар', 'نم', 'x'),
  exact: fc.boolean(),
});

/** The full path: every doc matching every term, the conversation and the date range, newest first. */
function everyMatch(
  docs: Doc[],
  terms: CheckedTerm[],
  conversation: string | undefined,
  from: number,
  to: number,
): number[] {
  return docs
    .filter(
      (d) =>
        (conversation === undefined || d.conversation === conversation) &&
        d.id >= from &&
        d.id < to &&
        terms.every((t) => prefixes([...d.own, ...d.translated], t.text, t.exact)),
    )
    .map((d) => d.id)
    .sort((a, b) => b - a);
}

/** The walk as query.ts runs it, over the same docs held in memory: driver streams and batch checks. */
async function walkOver(
  docs: Doc[],
  terms: CheckedTerm[],
  conversation: string | undefined,
  from: number,
  to: number,
  limit: number,
  asSet: boolean,
  /**
   * The driver's postings held whole, as query.ts reads a word's newest block (v14: with the
   * message's keys; `mixed`: every third doc's still in the pre-v14 form), checked with
   * `conversationsWithHeld` / `wordsWithHeld`; `none`: every check reads rows.
   */
  held: 'none' | 'v14' | 'mixed' = 'none',
) {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const count = (t: CheckedTerm): number =>
    docs.reduce((n, d) => n + [d.own, d.translated].filter((w) => prefixes(w, t.text, t.exact)).length, 0);
  const driver = terms[rarest(terms.map(count))]!;
  const others = terms.filter((t) => t !== driver);
  const words = [...new Set(docs.flatMap((d) => [...d.own, ...d.translated]))].filter((w) =>
    driver.exact ? w === driver.text : w.startsWith(driver.text),
  );
  // One stream per word, its postings newest first, from the end of the date range down.
  const streams = words.map((w) =>
    arrayStream(
      docs
        .flatMap((d) => [
          ...(d.own.includes(w) ? [d.id * 2] : []),
          ...(d.translated.includes(w) ? [d.id * 2 + 1] : []),
        ])
        .filter((p) => p <= to * 2 - 1)
        .sort((a, b) => b - a),
    ),
  );
  const reads = { rows: 0, sets: 0 };
  const conversationSet = (): Promise<Set<number> | null> => {
    reads.sets += 1;
    return Promise.resolve(
      asSet ? new Set(docs.filter((d) => d.conversation === conversation).map((d) => d.id)) : null,
    );
  };
  const check =
    held === 'none'
      ? candidateCheck({
          conversationId: conversation,
          conversationSet,
          others,
          conversationsOf: (ids) => {
            reads.rows += ids.length;
            return Promise.resolve(ids.map((id) => byId.get(id)?.conversation));
          },
          wordsOf: (ids) => {
            reads.rows += ids.length;
            return Promise.resolve(
              ids.map((id) => [...(byId.get(id)?.own ?? []), ...(byId.get(id)?.translated ?? [])]),
            );
          },
        })
      : candidateCheck({
          conversationId: conversation,
          conversationSet: held === 'v14' ? () => Promise.resolve(null) : conversationSet,
          others,
          conversationsOf: conversationsWithHeld(heldPostings(docs, words, held), (ids) => {
            reads.rows += ids.length;
            return Promise.resolve(
              new Map(ids.map((id) => [id, { conversationId: byId.get(id)?.conversation ?? '' }])),
            );
          }),
          wordsOf: wordsWithHeld(heldPostings(docs, words, held), others, (ids) => {
            reads.rows += ids.length;
            return Promise.resolve(storedPostings(docs, ids));
          }),
        });
  return { walked: await newestDocs(streams, check, limit, from), reads };
}

/** The postings stored for docs: a message's own always, its machine translations' if any. */
function storedPostings(docs: Doc[], ids: readonly number[]): Map<number, SearchPostingRow> {
  const out = new Map<number, SearchPostingRow>();
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const id of ids) {
    const d = byId.get(Math.floor(id / 2));
    if (!d) continue;
    if (id % 2 === 0) out.set(id, { id, words: d.own });
    else if (d.translated.length > 0) out.set(id, { id, words: d.translated });
  }
  return out;
}

/** The postings of the driver's words, whole, as the walk reads them (v14 rows, or some pre-v14). */
function heldPostings(docs: Doc[], words: string[], held: 'v14' | 'mixed'): Map<number, SearchPostingRow> {
  const out = new Map<number, SearchPostingRow>();
  for (const d of docs) {
    const v14 = held === 'v14' || d.id % 3 !== 0;
    const keys = { conversationId: d.conversation, seq: d.id, clientId: `m${d.id}` };
    if (d.own.some((w) => words.includes(w)))
      out.set(d.id * 2, {
        id: d.id * 2,
        words: d.own,
        ...(v14 && { ...keys, translated: d.translated.length > 0 }),
      });
    if (d.translated.some((w) => words.includes(w)))
      out.set(d.id * 2 + 1, { id: d.id * 2 + 1, words: d.translated, ...(v14 && keys) });
  }
  return out;
}

describe('the checks from the postings the walk holds (v14: they carry their message)', () => {
  it('answer what reading every row answers, on random data, with pre-v14 postings among them', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbDocs,
        fc.uniqueArray(arbTerm, { minLength: 1, maxLength: 3, selector: (t) => t.text }),
        fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'z'), { nil: undefined }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('v14' as const, 'mixed' as const),
        async (docs, terms, conversation, limit, held) => {
          const all = everyMatch(docs, terms, conversation, 0, Infinity);
          const { walked } = await walkOver(docs, terms, conversation, 0, Infinity, limit, true, held);
          expect(walked.docs).toEqual(all.slice(0, limit));
          expect(walked.total).toBe(all.length > limit ? null : all.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('read no row for a contact and a second word when no machine translation is indexed', async () => {
    // "gwarancja 3" with one contact of ten: every fifth message holds "3".
    const docs: Doc[] = Array.from({ length: 3000 }, (_, i) => ({
      id: i,
      conversation: 'abcdefghij'[i % 10]!,
      own: ['gwarancja', ...(i % 5 === 0 ? ['3'] : ['4'])],
      translated: [],
    }));
    const terms = [
      { text: 'gwarancja', exact: false },
      { text: '3', exact: false },
    ];
    const v14 = await walkOver(docs, terms, 'a', 0, Infinity, 50, true, 'v14');
    expect(v14.walked.docs).toEqual(everyMatch(docs, terms, 'a', 0, Infinity).slice(0, 50));
    expect(v14.reads).toEqual({ rows: 0, sets: 0 });
    // Pre-v14 postings: the doc rows and the other postings are read.
    const before = await walkOver(docs, terms, 'a', 0, Infinity, 50, true, 'none');
    expect(before.walked.docs).toEqual(v14.walked.docs);
    expect(before.reads.rows).toBeGreaterThan(0);
  });

  it('read the other posting only of a doc with a machine translation that the held one does not match', async () => {
    const held = new Map<number, SearchPostingRow>([
      [2, { id: 2, words: ['probki'], conversationId: 'a', seq: 1, clientId: 'm1', translated: true }],
      [
        4,
        { id: 4, words: ['probki', 'ip65'], conversationId: 'a', seq: 2, clientId: 'm2', translated: true },
      ],
      [6, { id: 6, words: ['probki'], conversationId: 'a', seq: 3, clientId: 'm3', translated: false }],
      [8, { id: 8, words: ['probki'] }], // pre-v14: nothing known of the other posting
    ]);
    const asked: number[][] = [];
    const words = wordsWithHeld(held, [{ text: 'ip', exact: false }], (ids) => {
      asked.push(ids);
      return Promise.resolve(
        new Map([
          [2, { words: ['probki'] }],
          [3, { words: ['ip65'] }],
          [8, { words: ['probki'] }],
        ]),
      );
    });
    expect(await words([1, 2, 3, 4])).toEqual([
      ['probki', 'ip65'],
      ['probki', 'ip65'],
      ['probki'],
      ['probki'],
    ]);
    expect(asked).toEqual([[2, 3, 8, 9]]);
    expect(docFromPostings(held, 3)).toEqual({ id: 3, conversationId: 'a', seq: 3, clientId: 'm3' });
    expect(docFromPostings(held, 4)).toBeUndefined();
    expect(knownWords(held, 3)).toEqual({ words: ['probki'], complete: true });
    expect(knownWords(held, 1)).toEqual({ words: ['probki'], complete: false });
  });
});

describe('the walk with batch checks (contact filter, other terms, date range)', () => {
  it('answers what the full path answers, on random data', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbDocs,
        fc.uniqueArray(arbTerm, { minLength: 1, maxLength: 3, selector: (t) => t.text }),
        fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'z'), { nil: undefined }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5001 }),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        async (docs, terms, conversation, a, b, limit, asSet) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const all = everyMatch(docs, terms, conversation, from, to);
          const { walked } = await walkOver(docs, terms, conversation, from, to, limit, asSet);
          expect(walked.gaveUp).toBe(false);
          expect(walked.docs).toEqual(all.slice(0, limit));
          expect(walked.total).toBe(all.length > limit ? null : all.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads doc rows for the first batch only, then the conversation as a set, once', async () => {
    const docs: Doc[] = Array.from({ length: 1000 }, (_, i) => ({
      id: i,
      conversation: 'abcdefghij'[i % 10]!,
      own: ['probki'],
      translated: [],
    }));
    const { walked, reads } = await walkOver(
      docs,
      [{ text: 'prob', exact: false }],
      'c',
      0,
      Infinity,
      50,
      true,
    );
    expect(walked.docs).toHaveLength(50);
    expect(walked.docs.every((d) => d % 10 === 2)).toBe(true);
    expect(reads).toEqual({ rows: 51, sets: 1 });
    // Too long to hold as a set: the doc rows are read in batches (not one candidate at a time).
    const rows = await walkOver(docs, [{ text: 'prob', exact: false }], 'c', 0, Infinity, 50, false);
    expect(rows.walked.docs).toEqual(walked.docs);
    expect(rows.reads.sets).toBe(1);
    expect(rows.reads.rows).toBeGreaterThan(450);
    // A conversation that holds every candidate: its set is never read.
    const one = docs.map((d) => ({ ...d, conversation: 'c' }));
    const all = await walkOver(one, [{ text: 'prob', exact: false }], 'c', 0, Infinity, 50, true);
    expect(all.walked.docs).toHaveLength(50);
    expect(all.reads).toEqual({ rows: 51, sets: 0 });
  });

  it('checks a batch at once: the first batch is limit + 1, later ones sized by the share accepted', async () => {
    const sizes: number[] = [];
    const stream = arrayStream(Array.from({ length: 3000 }, (_, i) => (2999 - i) * 2));
    const r = await newestDocs(
      [stream],
      (batch) => {
        sizes.push(batch.length);
        return batch.map((d) => d % 10 === 0);
      },
      50,
    );
    expect(r.docs).toHaveLength(50);
    expect(r.total).toBeNull();
    expect(sizes[0]).toBe(51);
    // 51 candidates gave ~5 matches: the next batch asks for ~10× what is still wanted.
    expect(sizes[1]).toBeGreaterThan(300);
    expect(sizes.length).toBeLessThanOrEqual(3);
  });
});

describe('conversationWindow (one word in one conversation: keys against the conversation’s docs, v15)', () => {
  /** The docs index `[conversationId+id]` over `docs`, counting pages and the rows they return. */
  const store = (docs: Doc[], conversation: string) => {
    const mine = docs
      .filter((d) => d.conversation === conversation)
      .map((d) => ({ id: d.id, conversationId: d.conversation, seq: d.id, clientId: `m${d.id}` }))
      .sort((a, b) => b.id - a.id);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const reads = { pages: 0, pageRows: 0, rows: 0 };
    const page: ConversationPage = (hi, lo, count) => {
      reads.pages += 1;
      const out = mine.filter((r) => r.id < hi && r.id >= lo).slice(0, count);
      reads.pageRows += out.length;
      return Promise.resolve(out);
    };
    const rowsOf = (ids: number[]) => {
      reads.rows += ids.length;
      return Promise.resolve(
        new Map(
          ids.flatMap((id) => (byId.has(id) ? [[id, { conversationId: byId.get(id)!.conversation }]] : [])),
        ),
      );
    };
    return { mine, page, rowsOf, reads };
  };

  it('says of every candidate exactly whether it is in the conversation, whatever the batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbDocs,
        fc.constantFrom('a', 'b', 'z'),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 5001 }),
        // Which docs are candidates (and a few ids that are no doc), and where the batches end.
        fc.infiniteStream(fc.integer({ min: 0, max: 9 })),
        async (docs, conversation, firstCount, top, dice) => {
          const { page, rowsOf } = store(docs, conversation);
          const w = conversationWindow(
            conversation,
            top,
            page(top, -Infinity, firstCount),
            firstCount,
            page,
            rowsOf,
          );
          const byId = new Map(docs.map((d) => [d.id, d.conversation]));
          const roll = dice[Symbol.iterator]();
          const next = (): number => roll.next().value as number;
          // Candidates come newest first under `top`, in batches each below the one before.
          const ids = [...new Set([...docs.map((d) => d.id), 17, 2500, 4999])].filter((d) => d < top);
          const candidates = ids.sort((a, b) => b - a).filter(() => next() < 6);
          let batch: number[] = [];
          const check = async (): Promise<void> => {
            const of = await w.conversationsOf(batch);
            expect(of.map((c) => c === conversation)).toEqual(batch.map((d) => byId.get(d) === conversation));
            batch = [];
          };
          for (const d of candidates) {
            batch.push(d);
            if (next() === 0) await check();
          }
          if (batch.length > 0) await check();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads no candidate’s row where the conversation is dense, and its own page once the first is passed', async () => {
    // "probki" in every third message, one contact of ten.
    const docs: Doc[] = Array.from({ length: 30_000 }, (_, i) => ({
      id: i,
      conversation: 'abcdefghij'[i % 10]!,
      own: i % 3 === 0 ? ['probki'] : ['faktura'],
      translated: [],
    }));
    const { page, rowsOf, reads } = store(docs, 'c');
    const w = conversationWindow('c', Infinity, page(Infinity, -Infinity, 512), 512, page, rowsOf);
    const check = candidateCheck({
      conversationId: 'c',
      conversationSet: () => Promise.resolve(null),
      conversationsOf: w.conversationsOf,
      others: [],
      wordsOf: () => Promise.reject(new Error('no other term')),
    });
    const probki = docs
      .filter((d) => d.own.includes('probki'))
      .map((d) => d.id * 2)
      .reverse();
    const r = await newestDocs([arrayStream(probki)], check, 50);
    const expected = docs
      .filter((d) => d.conversation === 'c' && d.own.includes('probki'))
      .map((d) => d.id)
      .reverse()
      .slice(0, 50);
    expect(r.docs).toEqual(expected);
    expect(reads.rows).toBe(0);
    // The first page (512 of the conversation's docs: 5,120 messages) covers the 51 hits' 1,530.
    expect(reads.pages).toBe(1);
    expect(r.docs.every((d) => w.held.get(d)?.conversationId === 'c')).toBe(true);
    // A first page too short for the hits: the next page, as far down as the batch goes.
    const short = store(docs, 'c');
    const next = conversationWindow(
      'c',
      Infinity,
      short.page(Infinity, -Infinity, 64),
      64,
      short.page,
      short.rowsOf,
    );
    const paged = await newestDocs(
      [arrayStream(probki)],
      candidateCheck({
        conversationId: 'c',
        conversationSet: () => Promise.resolve(null),
        conversationsOf: next.conversationsOf,
        others: [],
        wordsOf: () => Promise.reject(new Error('no other term')),
      }),
      50,
    );
    expect(paged.docs).toEqual(expected);
    expect(short.reads.rows).toBe(0);
    expect(short.reads.pages).toBeGreaterThan(1);
    // A rare word far down a dense conversation: its candidates' own rows, not the conversation's.
    const rare = store(docs, 'c');
    const far = conversationWindow(
      'c',
      Infinity,
      rare.page(Infinity, -Infinity, 512),
      512,
      rare.page,
      rare.rowsOf,
    );
    expect(await far.conversationsOf([12, 3])).toEqual(['c', 'd']);
    expect(rare.reads.pageRows).toBeLessThanOrEqual(512 + 256);
    expect(rare.reads.rows).toBe(2);
  });
});

describe('rereadStream (a word’s newest keys at once, then 4× as many again, not a cursor)', () => {
  /** A word's keys, largest first, read as the engine would: the newest `count`, counting reads. */
  const engine = (all: readonly number[]) => {
    const counts: number[] = [];
    return { counts, read: (count: number) => (counts.push(count), Promise.resolve(all.slice(0, count))) };
  };

  it('checks the candidates in hand before it reads the next block, and reads none if they are enough', async () => {
    // Docs 100…1; the newest 10 read at once.
    const all = Array.from({ length: 100 }, (_, i) => (100 - i) * 2);
    const { counts, read } = engine(all);
    const batches: number[][] = [];
    const r = await newestDocs(
      [rereadStream(all.slice(0, 10), 10, read)],
      (batch) => (batches.push([...batch]), batch.map((d) => d % 5 === 0)),
      1,
    );
    expect(r).toEqual({ docs: [100], total: null, gaveUp: false });
    // The second batch stops before the block's last key (taking it would read the next block),
    // and its hit is enough (limit + 1 found): nothing more is read.
    expect(batches).toEqual([
      [100, 99],
      [98, 97, 96, 95, 94, 93, 92],
    ]);
    expect(counts).toEqual([]);
  });

  it('reads the next block, 4× as many, when those in hand are not enough', async () => {
    const all = Array.from({ length: 100 }, (_, i) => (100 - i) * 2);
    const { counts, read } = engine(all);
    const r = await newestDocs(
      [rereadStream(all.slice(0, 10), 10, read)],
      eachDoc((d) => d % 10 === 0),
      3,
    );
    expect(r).toEqual({ docs: [100, 90, 80], total: null, gaveUp: false });
    expect(counts).toEqual([40]);
  });

  const drain = async (s: PostingStream): Promise<number[]> => {
    const out: number[] = [];
    for (; s.head !== null; await s.advance()) out.push(s.head);
    return out;
  };

  it('gives every key once, in order, with one read a block of 4× the last', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 600 }),
        fc.integer({ min: 1, max: 100 }),
        async (raw, block) => {
          const all = [...raw].sort((a, b) => b - a);
          const { counts, read } = engine(all);
          expect(await drain(rereadStream(all.slice(0, block), block, read))).toEqual(all);
          // Reads: 4×, 16×, … the block, while the one before came back full.
          const expected: number[] = [];
          for (let size = block; all.length >= size;) expected.push((size *= 4));
          expect(counts).toEqual(expected);
        },
      ),
    );
  });

  it('the walk over re-read words answers the newest matches of the whole lists', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 2_000 }), { maxLength: 300 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.uniqueArray(fc.integer({ min: 0, max: 1_000 })),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        async (words, accepted, block, limit) => {
          const lists = words.map((w) => [...w].sort((a, b) => b - a));
          const ok = new Set(accepted);
          const all = [...new Set(lists.flat().map((p) => Math.floor(p / 2)))]
            .filter((d) => ok.has(d))
            .sort((a, b) => b - a);
          const r = await newestDocs(
            lists.map((l) => rereadStream(l.slice(0, block), block, engine(l).read)),
            (batch) => batch.map((d) => ok.has(d)),
            limit,
          );
          expect(r.docs).toEqual(all.slice(0, limit));
          expect(r.total).toBe(all.length > limit ? null : all.length);
        },
      ),
    );
  });
});

describe('refines (the next keystroke narrows a complete answer)', () => {
  it('holds when every earlier term prefixes a new one', () => {
    expect(refines(['prob'], ['probk'])).toBe(true);
    expect(refines(['probk'], ['probki', 'gw'])).toBe(true);
    expect(refines(['probki'], ['prob'])).toBe(false); // a shorter prefix matches more
    expect(refines(['probki', 'gw'], ['probki'])).toBe(false); // a word removed matches more
    expect(refines([], ['probki'])).toBe(false);
  });

  it('never lets a match escape: what the new terms match, the earlier ones matched', () => {
    const arbText = fc.constantFrom('p', 'pr', 'prob', 'probk', 'probki', 'z', 'zam', '样', '样品', 'гар');
    fc.assert(
      fc.property(
        arbDocs,
        fc.uniqueArray(arbText, { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(arbText, { minLength: 1, maxLength: 3 }),
        (docs, earlier, terms) => {
          fc.pre(refines(earlier, terms));
          const asTerms = (ts: string[]): CheckedTerm[] => ts.map((text) => ({ text, exact: false }));
          const before = new Set(everyMatch(docs, asTerms(earlier), undefined, 0, Infinity));
          for (const d of everyMatch(docs, asTerms(terms), undefined, 0, Infinity))
            expect(before.has(d)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('rarest', () => {
  it('drives by the term with the fewest postings', () => {
    expect(rarest([16_000, 4, 900])).toBe(1);
    expect(rarest([3, 3])).toBe(0);
    expect(rarest([0])).toBe(0);
  });

  it('takes the longest term when the counts tie at their cap', () => {
    expect(rarest([2048, 2048], [9, 1])).toBe(0);
    expect(rarest([2048, 2048], [1, 9])).toBe(1);
    expect(rarest([2048, 300], [9, 1])).toBe(1);
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

describe('scanNewest (a term that prefixes very many words: every posting newest first)', () => {
  /** The postings store of docs: own postings (some missing: not indexed yet), machine translations'. */
  const store = (docs: Doc[], ownless: (d: Doc) => boolean): SearchPostingRow[] =>
    docs
      .flatMap((d): SearchPostingRow[] => {
        const keys = { conversationId: d.conversation, seq: d.id, clientId: `m${d.id}` };
        return [
          ...(ownless(d)
            ? []
            : [{ id: d.id * 2, words: d.own, ...keys, translated: d.translated.length > 0 }]),
          ...(d.translated.length > 0 ? [{ id: d.id * 2 + 1, words: d.translated, ...keys }] : []),
        ];
      })
      .sort((a, b) => b.id - a.id);
  const pages =
    (rows: SearchPostingRow[], bottom: number, reads: number[]) => (below: number, count: number) => {
      reads.push(count);
      return Promise.resolve(rows.filter((p) => p.id < below && p.id >= bottom).slice(0, count));
    };
  const matchOf = (terms: CheckedTerm[]) => (group: readonly SearchPostingRow[]) =>
    terms.every((t) =>
      prefixes(
        group.flatMap((p) => p.words),
        t.text,
        t.exact,
      ),
    );

  it('answers the newest matches of the full path, or nothing, whatever the blocks and the date range', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbDocs,
        fc.uniqueArray(arbTerm, { minLength: 1, maxLength: 2, selector: (t) => t.text }),
        fc.integer({ min: 1, max: 60 }),
        // Small blocks too, so that a read often ends between a doc's two postings.
        fc.oneof(
          fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 3 }),
          fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 40 }),
        ),
        fc.integer({ min: 0, max: 2500 }),
        fc.integer({ min: 2500, max: 6000 }),
        async (docs, terms, limit, blocks, from, to) => {
          const rows = store(docs, (d) => d.id % 7 === 3 && d.translated.length > 0);
          const stored = new Map<number, string[]>();
          for (const p of rows)
            stored.set(Math.floor(p.id / 2), [...(stored.get(Math.floor(p.id / 2)) ?? []), ...p.words]);
          const all = [...stored]
            .filter(
              ([id, words]) => id >= from && id < to && terms.every((t) => prefixes(words, t.text, t.exact)),
            )
            .map(([id]) => id)
            .sort((a, b) => b - a);
          const reads: number[] = [];
          const project = docs.length % 2 === 0;
          const r = await scanNewest(
            pages(rows, from * 2, reads),
            to * 2,
            blocks,
            limit,
            matchOf(terms),
            project,
          );
          // Without the projection, blocks that cover every posting always decide. A block that ends
          // on a doc's translation posting alone leaves it to the next block (read again), so each
          // block but the last moves on by one posting fewer than it reads, at worst.
          const enough = blocks.reduce((a, b) => a + b, 0) - (blocks.length - 1) > rows.length;
          if (enough && !project) expect(r).not.toBeNull();
          if (!r) return;
          expect(r.docs).toEqual(all.slice(0, limit));
          expect(r.total).toBe(all.length > limit ? null : all.length);
          // Every posting of every hit is in hand (its message keys, where it matched).
          for (const doc of r.docs)
            for (const p of rows.filter((q) => Math.floor(q.id / 2) === doc))
              expect(r.held.get(p.id)).toEqual(p);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads one block when the newest postings hold the newest matches, and gives up when it cannot tell', async () => {
    // "3": every third message holds a number starting with 3.
    const docs: Doc[] = Array.from({ length: 3000 }, (_, i) => ({
      id: i,
      conversation: 'a',
      own: i % 3 === 0 ? ['3', 'lata'] : ['4'],
      translated: [],
    }));
    const rows = store(docs, () => false);
    const reads: number[] = [];
    const terms = [{ text: '3', exact: false }];
    const r = await scanNewest(pages(rows, -Infinity, reads), Infinity, [256, 1024], 50, matchOf(terms));
    expect(r?.docs).toEqual(everyMatch(docs, terms, undefined, 0, Infinity).slice(0, 50));
    expect(r?.total).toBeNull();
    expect(reads).toEqual([256]);
    // A rare term: the blocks end before the newest 51 are decided.
    const rare = [
      { text: 'lat', exact: false },
      { text: '4', exact: false },
    ];
    expect(await scanNewest(pages(rows, -Infinity, []), Infinity, [256, 1024], 50, matchOf(rare))).toBeNull();
    // One in 100 matches: 256 rows hold ~3 of the 51 wanted, so the scan stops there, not after 1,280.
    const sf12 = [{ text: 'sf12', exact: false }];
    const every = (n: number): Doc[] =>
      docs.map((d) => ({ ...d, own: d.id % n === 0 ? ['sf12345'] : ['sf9'] }));
    const sparseReads: number[] = [];
    expect(
      await scanNewest(
        pages(
          store(every(100), () => false),
          -Infinity,
          sparseReads,
        ),
        Infinity,
        [256, 1024],
        50,
        matchOf(sf12),
      ),
    ).toBeNull();
    expect(sparseReads).toEqual([256]);
    // One in 10: 256 rows hold ~26, so 1,280 will hold 51: it reads on and decides.
    const tenthReads: number[] = [];
    const found = await scanNewest(
      pages(
        store(every(10), () => false),
        -Infinity,
        tenthReads,
      ),
      Infinity,
      [256, 1024],
      50,
      matchOf(sf12),
    );
    expect(found?.docs).toEqual(everyMatch(every(10), sf12, undefined, 0, Infinity).slice(0, 50));
    expect(tenthReads).toEqual([256, 1024]);
    // A doc it cannot tell (a pre-v14 posting under a contact filter): the walk answers instead.
    expect(await scanNewest(pages(rows, -Infinity, []), Infinity, [256], 50, () => null)).toBeNull();
  });
});
