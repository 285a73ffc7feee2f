/**
 * Message search over the local index (issue 10). The hits shown come from a newest-first walk
 * (walk.ts): the words the rarest term prefixes are read newest first on the multiEntry `words`
 * index (keys carry the message's time) — a block of each word's newest postings, whole, in one
 * read where the engine can, then 4× as many again if the walk goes past them (reverse key cursors
 * with a date bound or an older engine) — merged, and the candidates checked in
 * batches against the contact and the other terms and the order, until `limit` + 1 pass; the date
 * range bounds the cursors. Since v14 a posting carries its message's keys and says whether a
 * machine translations' posting exists, so the checks and the hits' messages need no doc row and
 * mostly no other posting: a whole word is two dependent requests (its words beside its newest
 * postings, then the hits' messages), each a round trip to the browser process. One word in one
 * conversation reads only the word's keys, against the conversation's docs by time (v15,
 * `conversationWindow`). Postings of before v14 are checked on their doc rows and other postings.
 * Terms of one or two characters ("3", "z"), which may prefix hundreds of words, are answered by a
 * scan of every posting newest first instead (walk.ts `scanNewest`), each doc checked on its
 * postings in hand. The count of a larger answer is taken apart (`countUpTo`: the walk
 * goes on up to 1,000 matches). The whole answer is intersected from every posting key of every
 * term (`countMatches`) when the walk would examine too many candidates (a term with very many
 * words, or checks that refuse most rows).
 */
import { Dexie } from 'dexie';
import { highlightRanges, type SearchQuery } from '../../../../shared/search/tokenize';
import type { MessageRow, TradewindDb } from '../../db/schema';
import type { SearchDocRow, SearchPostingRow } from '../../db/rows/search';
import type { TranslationRow } from '../../db/rows/translation';
import { docOfPosting, orderWord, TIES } from './indexer';
import {
  candidateCheck,
  conversationWindow,
  conversationsWithHeld,
  docFromPostings,
  knownWords,
  newestDocs,
  prefixes,
  rarest,
  refines,
  rereadStream,
  scanNewest,
  wordsWithHeld,
  type ConversationPage,
  type HeldPostings,
  type PostingStream,
  type Scanned,
} from './walk';

export interface SearchFilters {
  /** Only this conversation (the contact chip, or Ctrl/Cmd+F inside a conversation). */
  conversationId?: string;
  /** Only messages carrying this order (its chip). */
  orderNo?: string;
  /** Sent at or after this time (ms since epoch). */
  from?: number;
  /** Sent before this time (ms since epoch). */
  to?: number;
}

export interface SearchHit {
  message: MessageRow;
  /** A machine translation cached here that matched, shown beside the original. */
  translation: TranslationRow | null;
}

export interface SearchResult {
  /** Newest first. */
  hits: SearchHit[];
  /** Every matching message, including those beyond `limit`; null while being counted (`countUpTo`). */
  total: number | null;
  /** The count stopped at `total`: more than that match. */
  more: boolean;
  /** The doc ids of the hits, newest first (a later keystroke narrows them: `Earlier`). */
  docs: number[];
}

/** True when the search has something to look for (words or a filter beyond the conversation). */
export const hasCriteria = (q: SearchQuery, f: SearchFilters): boolean =>
  q.terms.length > 0 || f.orderNo !== undefined;

/** A term of the walk: a prefix of words, or the order's word exactly. */
interface Term {
  text: string;
  exact: boolean;
}

const termsOf = (query: SearchQuery, filters: SearchFilters): Term[] => [
  ...query.terms.map((text) => ({ text, exact: false })),
  ...(filters.orderNo === undefined ? [] : [{ text: orderWord(filters.orderNo), exact: true }]),
];

/** A prefix's range on the words index, as Dexie's `startsWith` has it. */
const rangeOf = (t: Term): IDBKeyRange =>
  t.exact ? IDBKeyRange.only(t.text) : IDBKeyRange.bound(t.text, `${t.text}\uffff`, false, false);

/**
 * One word's postings on the `words` index, for reads newest first: [word, word + NUL), the same
 * keys as `IDBKeyRange.only(word)`. Chromium 156 starts a reverse read whose closed upper bound is
 * a key of the index by stepping over every duplicate of that key — all of the word's postings:
 * the newest key of "zamowienie" (33,167 postings) took 11 ms, of "probki" (16,657) 5.7 ms, by
 * `only`; 0.2 ms with the bound open just above the word (bench/README.md, 2026-12-06 21:19).
 */
const wordRange = (word: string): IDBKeyRange => IDBKeyRange.bound(word, `${word}\u0000`, false, true);

/**
 * Words a term may stand for before the walk gives way to the scan or the full intersection: each
 * word is a stream of its own (a block of its newest postings read whole), and finding them takes
 * a dependent cursor step each — 65 steps for "3" or "sf1" before a limit of 64 gave way.
 */
const MAX_WORDS = 8;
/**
 * Candidates refused before the walk gives way to the full intersection. Refusals are checked in
 * batches (one wait per batch), so this bounds reads, not round trips: ~1 key (a cursor step with
 * a date bound) and at most one row per refused candidate.
 */
const MAX_REFUSED = 2000;
/**
 * A conversation with at most this many messages is held as a set of its doc ids (one
 * `getAllKeys`, once the contact filter has refused a candidate), so a refused candidate costs no
 * read; a longer one is checked on the candidates' doc rows.
 */
const CONVERSATION_SET = 20_000;
/**
 * Postings read per term to choose the rarest (more than this: as common as any, and the longest
 * term drives). A transaction's requests run one after another in the engine, so these reads delay
 * the driver's own: two terms of 2,048 keys each took ~80 ms at load 18 (bench/README.md).
 */
const RARITY_CAP = 256;
/**
 * A term this short ("3", "z", "pr"; one Chinese or Japanese character) may prefix hundreds of
 * words: its hits come from a scan of the newest postings of every word (walk.ts `scanNewest`),
 * when all of a query's terms are so short and no contact is chosen. A two-character CJK term is
 * one bigram, a word of its own: walked as a word.
 */
const broad = (t: Term): boolean =>
  !t.exact && ([...t.text].length === 1 || (t.text.length === 2 && !CJK.test(t.text)));
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * Postings the scan reads, one read after another, before it leaves a short term to the walk:
 * enough for the newest 51 hits of a term in ~1 message of 10 or more (two postings a message).
 */
const SCAN_BLOCKS = [256, 1024];
/**
 * The same for the count (`countUpTo`, up to 1,000): one read of ~45 ms, which decides for a term
 * in a quarter or more of the newest messages ("3": 31 %); else the count is taken as before.
 */
const COUNT_SCAN_BLOCKS = [4096];
/** The count beside the hits stops here ("more than 1,000"), as the walk reads one key a match. */
export const COUNT_CAP = 1000;

const request = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

/**
 * The distinct words in `range`, at most `max` + 1, by a key cursor that seeks past each word's
 * postings in one step (`continue(word + NUL)`). Not 'nextunique', nor `getAllRecords` with it:
 * Chromium 156 steps over every duplicate there, 0.45–0.7 s for a word of 16,000 postings at
 * 100,000 messages, against 0.5 ms for the seek (bench/README.md, 2026-12-06 15:30).
 */
function seekWords(index: IDBIndex, range: IDBKeyRange, max: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const out: string[] = [];
    const r = index.openKeyCursor(range, 'next');
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
    r.onsuccess = () => {
      const c = r.result;
      if (!c || out.length > max) return resolve(out);
      const word = c.key as string;
      out.push(word);
      c.continue(`${word}\u0000`);
    };
  });
}

/**
 * The distinct words of a term's range, at most `max` + 1: the term itself as a word (one key
 * read) beside the words after it, so a whole word typed ("probki", the only word it prefixes)
 * takes one wait.
 */
async function wordsOf(index: IDBIndex, t: Term, max: number): Promise<string[]> {
  if (t.exact) return [t.text];
  const [self, after] = await Promise.all([
    request(index.getAllKeys(IDBKeyRange.only(t.text), 1)),
    seekWords(index, IDBKeyRange.bound(`${t.text}\u0000`, `${t.text}\uffff`), max),
  ]);
  return [...(self.length > 0 ? [t.text] : []), ...after];
}

/**
 * IndexedDB 3.0 (Chromium since 141, so Electron and Debian's Chromium): `getAll`/`getAllKeys`
 * take `{ query, count, direction }` (detected by `getAllRecords`, of the same version) — a word's
 * newest keys or postings in one read instead of one cursor step each. Where missing, cursors and
 * ascending reads do the same work in more requests.
 */
const newestFirst = typeof IDBIndex !== 'undefined' && 'getAllRecords' in IDBIndex.prototype;
interface GetAllOptions {
  query: IDBKeyRange;
  count: number;
  direction: IDBCursorDirection;
}
/** `getAll` / `getAllKeys` with an options object (where `newestFirst`), which the DOM typings lack. */
type GetAllNewest = (options: GetAllOptions) => IDBRequest<unknown[]>;

/** A word's newest `count` entries of `index` by `getAll` or `getAllKeys`, in one read. */
function newest<T>(
  index: IDBIndex,
  read: 'getAll' | 'getAllKeys',
  word: string,
  count: number,
): Promise<T[]> | null {
  if (!newestFirst) return null;
  const r = (index[read] as unknown as GetAllNewest).call(index, {
    query: wordRange(word),
    count,
    direction: 'prev',
  });
  return request(r) as Promise<T[]>;
}

/** A word's newest `count` posting ids in one read, or null where the engine cannot. */
function newestKeys(index: IDBIndex, word: string, count: number): Promise<number[]> | null {
  return newest<number>(index, 'getAllKeys', word, count);
}

/**
 * A word's newest `count` postings, whole rows, in one read (null where the engine cannot): since
 * v14 they carry their message's keys, so the hits need no doc rows and most checks no other read.
 */
function newestRows(index: IDBIndex, word: string, count: number): Promise<SearchPostingRow[]> | null {
  return newest<SearchPostingRow>(index, 'getAll', word, count);
}

/** Rows asked for beyond the wanted ones before a range read gives way to single reads. */
const SPREAD = 8;

/**
 * The rows of `keys` (numbers) in a store keyed by numbers, as few requests as possible: every
 * request costs a round trip to the engine (~0.3–0.7 ms each on a busy machine, bench/README.md),
 * so one range read over [min, max] — newest first where the engine can, at most SPREAD rows a
 * key — then single reads for any key it did not reach (keys far apart: a rare word).
 */
async function rowsOf<T extends { id: number }>(
  store: IDBObjectStore,
  keys: readonly number[],
): Promise<Map<number, T>> {
  const out = new Map<number, T>();
  if (keys.length === 0) return out;
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of keys) {
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  const cap = SPREAD * keys.length + 64;
  const range = IDBKeyRange.bound(lo, hi);
  const rows = (await request(
    newestFirst
      ? (store.getAll as unknown as GetAllNewest).call(store, { query: range, count: cap, direction: 'prev' })
      : store.getAll(range, cap),
  )) as T[];
  for (const r of rows) out.set(r.id, r);
  // The range read stopped at the cap: the keys beyond its last row are read one by one.
  const last = rows[rows.length - 1];
  if (rows.length === cap && last) {
    const missed = keys.filter((k) => (newestFirst ? k < last.id : k > last.id));
    const single = (await Promise.all(missed.map((k) => request(store.get(k))))) as (T | undefined)[];
    for (const r of single) if (r) out.set(r.id, r);
  }
  return out;
}

/**
 * A conversation's hits are read by one range of `[conversationId+seq]` when it holds at most this
 * many messages per hit (+ 8), else by one get each: a message read in a range costs ~16–37 µs, a
 * get ~60 µs (bench/README.md, 2026-12-06 18:14), and a common word's hits lie ~6 seqs apart in a
 * conversation, so the range read 3–6× the rows it needed.
 */
const MESSAGE_SPREAD = 2;

/**
 * The messages of these docs: per conversation, one read of its `[conversationId+seq]` range when
 * the hits are close together (at most MESSAGE_SPREAD messages a hit), else one read a message.
 */
async function messagesOf(
  store: IDBObjectStore,
  docs: readonly SearchDocRow[],
): Promise<Map<string, MessageRow>> {
  const out = new Map<string, MessageRow>();
  const byConversation = new Map<string, SearchDocRow[]>();
  for (const d of docs)
    byConversation.set(d.conversationId, [...(byConversation.get(d.conversationId) ?? []), d]);
  const index = store.index('[conversationId+seq]');
  await Promise.all(
    [...byConversation].map(async ([cid, ds]) => {
      const seqs = ds.map((d) => d.seq);
      const lo = Math.min(...seqs);
      const hi = Math.max(...seqs);
      const rows = (
        hi - lo + 1 <= MESSAGE_SPREAD * ds.length + 8
          ? await request(index.getAll(IDBKeyRange.bound([cid, lo], [cid, hi])))
          : await Promise.all(ds.map((d) => request(store.get(d.clientId))))
      ) as (MessageRow | undefined)[];
      for (const m of rows) if (m) out.set(m.clientId, m);
    }),
  );
  return out;
}

/** A reverse key cursor over one word's postings, at or below `start`; null when none is left. */
async function wordCursor(index: IDBIndex, word: string, start: number): Promise<PostingStream> {
  const at: { cursor: IDBCursor | null } = { cursor: null };
  const r = index.openKeyCursor(wordRange(word), 'prev');
  const step = (): Promise<void> =>
    new Promise((resolve, reject) => {
      r.onsuccess = () => {
        at.cursor = r.result;
        resolve();
      };
      r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
    });
  await step();
  const first = at.cursor;
  if (first && (first.primaryKey as number) > start) {
    const next = step();
    first.continuePrimaryKey(word, start);
    await next;
  }
  return {
    get head() {
      return at.cursor ? (at.cursor.primaryKey as number) : null;
    },
    inHand: false,
    advance() {
      const next = step();
      at.cursor?.continue();
      return next;
    },
  };
}

/**
 * One word's postings newest first, from `start` down (larger keys skipped): the newest `block`
 * read at once where the engine can (no date bound), then — if the walk goes on — 4× as many
 * again at once (`rereadStream`); with a date bound, a cursor.
 */
async function wordStream(
  index: IDBIndex,
  word: string,
  start: number,
  block: number,
  known: Map<number, SearchPostingRow> | null,
  first?: Promise<SearchPostingRow[] | number[]> | null,
): Promise<PostingStream> {
  if (start !== Infinity || !newestFirst) return wordCursor(index, word, start);
  // Whole rows where the walk wants them (the hits, the checks): their keys are the stream.
  const read = async (
    count: number,
    pending?: Promise<SearchPostingRow[] | number[]> | null,
  ): Promise<number[]> => {
    if (!known) return ((await (pending ?? newestKeys(index, word, count))) as number[] | null) ?? [];
    const rows = ((await (pending ?? newestRows(index, word, count))) as SearchPostingRow[] | null) ?? [];
    for (const r of rows) known.set(r.id, r);
    return rows.map((r) => r.id);
  };
  // Below the block's last key, if the walk gets there: the word's newest keys again, 4× as many
  // in one request (a cursor took one request a candidate; an index cannot be paged by primary key).
  return rereadStream(await read(block, first), block, (count) => read(count));
}

/**
 * The doc ids of a conversation, when it has at most `CONVERSATION_SET` messages (one read of the
 * primary keys of its `[conversationId+seq]` range), else null.
 */
async function conversationDocs(docs: IDBObjectStore, conversationId: string): Promise<Set<number> | null> {
  const range = IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
  const keys = (await request(
    docs.index('[conversationId+seq]').getAllKeys(range, CONVERSATION_SET + 1),
  )) as number[];
  return keys.length > CONVERSATION_SET ? null : new Set(keys);
}

/** The conversation's docs read first (`conversationWindow`): its newest, newer than any candidate. */
const WINDOW_FIRST = 512;

/** A page of a conversation's docs by time, newest first (the `[conversationId+id]` index, v15). */
const conversationPage =
  (docs: IDBObjectStore, conversationId: string): ConversationPage =>
  (hi, lo, count) =>
    request(
      (docs.index('[conversationId+id]').getAll as unknown as GetAllNewest).call(
        docs.index('[conversationId+id]'),
        {
          query: IDBKeyRange.bound([conversationId, lo], [conversationId, hi], false, true),
          count,
          direction: 'prev',
        },
      ),
    ) as Promise<SearchDocRow[]>;

/** Terms and filters that `scan` answers: every term broad, no contact. */
const scannable = (terms: Term[], filters: SearchFilters): boolean =>
  newestFirst && filters.conversationId === undefined && terms.every(broad);

/**
 * The newest `limit` + 1 matching docs by a scan of every posting newest first (walk.ts
 * `scanNewest`) in `blocks`, within the date range; null when the blocks did not decide them.
 */
function scan(
  postings: IDBObjectStore,
  terms: Term[],
  { from, to }: SearchFilters,
  limit: number,
  blocks: readonly number[],
): Promise<Scanned | null> {
  const bottom = from === undefined ? -Infinity : from * TIES * 2;
  return scanNewest(
    (below, count) =>
      // Nothing left in the range (an empty range, or a date range of none) is no read.
      below <= bottom
        ? Promise.resolve([])
        : (request(
            (postings.getAll as unknown as GetAllNewest).call(postings, {
              query: IDBKeyRange.bound(bottom, below, false, true),
              count,
              direction: 'prev',
            }),
          ) as Promise<SearchPostingRow[]>),
    to === undefined ? Infinity : to * TIES * 2,
    blocks,
    limit,
    (group) => {
      const words = group.flatMap((p) => p.words);
      return terms.every((t) => prefixes(words, t.text, t.exact));
    },
  );
}

/** What the walk found: the newest matching docs and, when asked for, their rows. */
interface Walk {
  docs: number[];
  total: number | null;
  /** The docs that matched in a machine translation, when the walk knows (one term), else null. */
  inTranslation: Set<number> | null;
  /** With `withRows`: each doc's row, its message and its second (translations') posting. */
  rows?: {
    docs: (SearchDocRow | undefined)[];
    messages: (MessageRow | undefined)[];
    second: (SearchPostingRow | undefined)[] | null;
  };
}

/** The walk's answer from a scan's: its docs, and their rows from the postings it read. */
const scanWalk = async (tx: IDBTransaction, scanned: Scanned): Promise<Walk> => ({
  docs: scanned.docs,
  total: scanned.total,
  inTranslation: null,
  rows: await hitRows(tx, scanned.docs, scanned.held, null, false),
});

/**
 * The newest `limit` + 1 matching docs by the walk, or null when the full intersection is better.
 * `withRows`: the hits' doc rows and messages are read in the walk's own transaction right after
 * it (no second transaction to wait for).
 */
async function walk(
  db: TradewindDb,
  terms: Term[],
  filters: SearchFilters,
  limit: number,
  withRows = false,
): Promise<Walk | null> {
  if (!db.isOpen()) await db.open();
  const tx = db
    .backendDB()
    .transaction(['searchPostings', 'searchDocs', ...(withRows ? ['messages'] : [])], 'readonly');
  const postings = tx.objectStore('searchPostings');
  const docsStore = tx.objectStore('searchDocs');
  const index = postings.index('words');
  const { from, to, conversationId } = filters;
  const begin = to === undefined ? Infinity : to * TIES * 2 - 1;
  // Only terms that prefix very many words and match a good share of all messages ("3", "z"): the
  // newest postings of every word scanned, each doc checked on its own (`scanNewest`).
  if (withRows && scannable(terms, filters)) {
    const scanned = await scan(postings, terms, filters, limit, SCAN_BLOCKS);
    if (scanned) return scanWalk(tx, scanned);
  }
  // One term in one conversation: the word's keys against the conversation's docs by time (v15),
  // no posting read whole (walk.ts `conversationWindow`); its newest docs asked for now, beside the
  // word's keys.
  const top = to === undefined ? Infinity : to * TIES;
  const page = conversationId === undefined ? null : conversationPage(docsStore, conversationId);
  const scope =
    page && conversationId !== undefined && terms.length === 1 && newestFirst
      ? conversationWindow(
          conversationId,
          top,
          page(top, -Infinity, WINDOW_FIRST),
          WINDOW_FIRST,
          page,
          (docs) => rowsOf<SearchDocRow>(docsStore, docs),
        )
      : null;
  // Keys read at once per word: about what the walk needs when most candidates pass, more when
  // a filter will refuse many.
  const block = Math.min(
    2048,
    Math.max(64, (limit + 1) * (conversationId !== undefined ? 16 : terms.length > 1 ? 4 : 2)),
  );
  // The postings read whole (with the hits' rows wanted): the checks and the hits read from them.
  const known: Map<number, SearchPostingRow> | null = withRows && newestFirst && !scope ? new Map() : null;
  // The likely driver (the longest term) read at once, beside the counts that choose it: its words,
  // and its newest postings as a word — a whole word typed ("probki") is the one word of its
  // prefix, so the walk has them after one wait.
  const guess = terms.reduce((a, t) => (t.text.length > a.text.length ? t : a));
  const early =
    begin !== Infinity || !newestFirst
      ? null
      : known
        ? newestRows(index, guess.text, block)
        : scope
          ? newestKeys(index, guess.text, block)
          : null;
  // Read only if the guess drives; a failure then surfaces there.
  early?.catch(() => undefined);
  const guessed = wordsOf(index, guess, MAX_WORDS);
  guessed.catch(() => undefined);
  // How common each term is, read up to a cap: a count reads every key of its range in the engine
  // (tens of thousands for "3"), the first keys up to the cap tell the rare from the common.
  const counts =
    terms.length > 1
      ? await Promise.all(
          terms.map(async (t) => (await request(index.getAllKeys(rangeOf(t), RARITY_CAP))).length),
        )
      : [0];
  const driver =
    terms[
      rarest(
        counts,
        terms.map((t) => t.text.length),
      )
    ]!;
  const others = terms.filter((t) => t !== driver);
  const words = await (driver === guess ? guessed : wordsOf(index, driver, MAX_WORDS));
  if (words.length > MAX_WORDS) {
    // Too many words to walk a stream each (a tracking number typed: "sf1" prefixes thousands):
    // the scan when they are common among the newest messages, else the full intersection.
    const scanned =
      withRows && newestFirst && conversationId === undefined
        ? await scan(postings, terms, filters, limit, SCAN_BLOCKS)
        : null;
    return scanned ? scanWalk(tx, scanned) : null;
  }
  const streams = await Promise.all(
    words.map((w) =>
      wordStream(index, w, begin, block, known, driver === guess && w === guess.text ? early : null),
    ),
  );
  // The rows of a batch of candidates are asked for at once (one wait per batch); what the
  // postings read whole already say is not asked for.
  const accept = candidateCheck({
    conversationId,
    // A conversation's doc ids as a set only while some posting lacks its message's keys (pre-v14).
    conversationSet: () =>
      conversationId === undefined ||
      scope ||
      (known && known.size > 0 && [...known.values()].every((p) => p.conversationId !== undefined))
        ? Promise.resolve(null)
        : conversationDocs(docsStore, conversationId),
    others,
    conversationsOf:
      scope?.conversationsOf ?? conversationsWithHeld(known, (docs) => rowsOf<SearchDocRow>(docsStore, docs)),
    // Both postings of a doc (its own words, its machine translations'), read only where the ones
    // in hand neither match nor are all there is.
    wordsOf: wordsWithHeld(known, others, (ids) => rowsOf<SearchPostingRow>(postings, ids)),
  });
  const below = from === undefined ? -Infinity : from * TIES;
  const odd = new Set<number>();
  const walked = await newestDocs(streams, accept, limit, below, MAX_REFUSED, odd);
  if (walked.gaveUp) return null;
  // One term: it matched in a machine translation exactly where its words hold the odd posting.
  const inTranslation = others.length > 0 ? null : driver.exact ? new Set<number>() : odd;
  if (!withRows) return { ...walked, inTranslation };
  return {
    ...walked,
    inTranslation,
    rows: await hitRows(tx, walked.docs, known, scope?.held ?? null, inTranslation !== null),
  };
}

/**
 * The hits' doc rows, messages and (unless `oneTerm`: a walk of one term knows where it matched)
 * machine translations' postings, in the walk's transaction: the message keys from the postings
 * in hand (`known`) or the conversation's docs (`docsHeld`); doc rows and other postings read only
 * for the hits these do not answer.
 */
async function hitRows(
  tx: IDBTransaction,
  hits: readonly number[],
  known: HeldPostings | null,
  docsHeld: ReadonlyMap<number, SearchDocRow> | null,
  oneTerm: boolean,
): Promise<NonNullable<Walk['rows']>> {
  const docsStore = tx.objectStore('searchDocs');
  const postings = tx.objectStore('searchPostings');
  const fromPostings = hits.map((doc) => (known ? docFromPostings(known, doc) : docsHeld?.get(doc)));
  const needSecond = oneTerm
    ? []
    : hits.filter((doc) => !(known?.has(doc * 2 + 1) || (known && knownWords(known, doc).complete)));
  const [docMap, secondMap] = await Promise.all([
    rowsOf<SearchDocRow>(
      docsStore,
      hits.filter((_, i) => fromPostings[i] === undefined),
    ),
    rowsOf<SearchPostingRow>(
      postings,
      needSecond.map((doc) => doc * 2 + 1),
    ),
  ]);
  const docRows = hits.map((doc, i) => fromPostings[i] ?? docMap.get(doc));
  const byClient = await messagesOf(
    tx.objectStore('messages'),
    docRows.filter((r): r is SearchDocRow => r !== undefined),
  );
  const messages = docRows.map((d) => (d ? byClient.get(d.clientId) : undefined));
  const second = oneTerm ? null : hits.map((doc) => known?.get(doc * 2 + 1) ?? secondMap.get(doc * 2 + 1));
  return { docs: docRows, messages, second };
}

/** Every matching doc, newest first, and whether it matched in a machine translation. */
async function matchingDocs(
  db: TradewindDb,
  terms: Term[],
  filters: SearchFilters,
): Promise<{ docs: number[]; translated: (doc: number) => boolean }> {
  const ranges = terms.map((t) =>
    t.exact
      ? db.searchPostings.where('words').equals(t.text)
      : db.searchPostings.where('words').startsWith(t.text),
  );
  const { conversationId, from, to } = filters;
  const [lists, inConversation] = await Promise.all([
    Promise.all(ranges.map((r) => r.primaryKeys())),
    conversationId === undefined
      ? null
      : db.searchDocs
          .where('[conversationId+seq]')
          .between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey])
          .primaryKeys(),
  ]);
  // Intersect per doc, from the shortest list; remember whether a doc matched in a translation.
  lists.sort((a, b) => a.length - b.length);
  let docs: Map<number, boolean> | null = null;
  for (const postings of lists) {
    const next = new Map<number, boolean>();
    for (const p of postings) {
      const doc = docOfPosting(p);
      if (docs && !docs.has(doc)) continue;
      next.set(doc, (next.get(doc) ?? docs?.get(doc) ?? false) || p % 2 === 1);
    }
    docs = next;
    if (docs.size === 0) break;
  }
  // Doc ids are times (ms × TIES): the date filter and the order need no row.
  const lo = from === undefined ? -Infinity : from * TIES;
  const hi = to === undefined ? Infinity : to * TIES;
  const only = inConversation ? new Set(inConversation) : null;
  const matching: number[] = [];
  for (const doc of docs?.keys() ?? []) {
    if (doc >= lo && doc < hi && (!only || only.has(doc))) matching.push(doc);
  }
  matching.sort((a, b) => b - a);
  const found = docs;
  return { docs: matching, translated: (doc) => found?.get(doc) ?? false };
}

/** How many messages match, exactly (every posting key of every term read and intersected). */
export async function countMatches(
  db: TradewindDb,
  query: SearchQuery,
  filters: SearchFilters = {},
): Promise<number> {
  const terms = termsOf(query, filters);
  if (terms.length === 0) return 0;
  return (await matchingDocs(db, terms, filters)).docs.length;
}

/** A count that may stop early: `more` means more than `n` match. */
export interface MatchCount {
  n: number;
  more: boolean;
}

/**
 * How many messages match, up to `cap` (the count beside the newest hits when the walk found
 * more than it shows): the walk goes on to `cap` + 1 matches, reading about one key a match
 * instead of every key of every term; past `cap` it says "more than `cap`", as mail and chat
 * apps do for large answers. Exact (the full intersection) when the walk would check candidates.
 */
export async function countUpTo(
  db: TradewindDb,
  query: SearchQuery,
  filters: SearchFilters = {},
  cap = COUNT_CAP,
): Promise<MatchCount> {
  const terms = termsOf(query, filters);
  if (terms.length === 0) return { n: 0, more: false };
  // Terms too short to walk word by word ("3": above 64 words the walk gives way to the full
  // intersection) are counted by the scan, up to `cap` + 1, where they match often enough.
  if (scannable(terms, filters)) {
    if (!db.isOpen()) await db.open();
    const postings = db.backendDB().transaction('searchPostings', 'readonly').objectStore('searchPostings');
    const scanned = await scan(postings, terms, filters, cap, COUNT_SCAN_BLOCKS);
    if (scanned) return scanned.total === null ? { n: cap, more: true } : { n: scanned.total, more: false };
  }
  // The walk counts cheaply only what it reads in blocks without checks: one term, no contact,
  // no end date. Checks or cursors over ~1,000 candidates cost more than the intersection of the
  // key lists (bench/README.md), which is exact.
  if (terms.length === 1 && filters.conversationId === undefined && filters.to === undefined) {
    const walked = await walk(db, terms, filters, cap);
    if (walked) return walked.total === null ? { n: cap, more: true } : { n: walked.total, more: false };
  }
  return { n: (await matchingDocs(db, terms, filters)).docs.length, more: false };
}

/** The previous keystroke's answer, with the terms it was for (same filters, same index). */
export interface Earlier {
  /** The earlier query's terms (`SearchQuery.terms`). */
  terms: readonly string[];
  result: SearchResult;
}

/**
 * The earlier answer narrowed to `terms`, when it is complete (every match among its hits) and
 * the new terms refine it (walk.ts `refines`): only its hits' postings are read. Else null.
 */
async function narrowed(
  db: TradewindDb,
  query: SearchQuery,
  terms: Term[],
  earlier: Earlier | undefined,
): Promise<number[] | null> {
  if (!earlier) return null;
  const { result } = earlier;
  if (result.total === null || result.more || result.total > result.docs.length) return null;
  if (!refines(earlier.terms, query.terms)) return null;
  const { docs } = result;
  const rows = await db.searchPostings.bulkGet(docs.flatMap((d) => [d * 2, d * 2 + 1]));
  const ok = await candidateCheck({
    conversationSet: () => Promise.resolve(null),
    conversationsOf: () => Promise.resolve([]),
    others: terms,
    wordsOf: (ds) =>
      Promise.resolve(ds.map((_, i) => [...(rows[2 * i]?.words ?? []), ...(rows[2 * i + 1]?.words ?? [])])),
  })(docs);
  return docs.filter((_, i) => ok[i]);
}

/**
 * The newest `limit` messages that match, and how many match when the walk knows it (else null:
 * `countUpTo` after). `earlier`: the previous keystroke's answer, narrowed instead of searching
 * again when it holds every match.
 */
export async function searchMessages(
  db: TradewindDb,
  query: SearchQuery,
  filters: SearchFilters = {},
  limit = 50,
  earlier?: Earlier,
): Promise<SearchResult> {
  const terms = termsOf(query, filters);
  if (terms.length === 0) return { hits: [], total: 0, more: false, docs: [] };
  let chosen: number[];
  let total: number | null;
  let translated: (doc: number) => boolean | Promise<boolean>;
  let docRows: (SearchDocRow | undefined)[];
  let read: (MessageRow | undefined)[] | null = null;
  const narrow = await narrowed(db, query, terms, earlier);
  const walked: Walk | null = narrow
    ? { docs: narrow.slice(0, limit), total: narrow.length, inTranslation: null }
    : await walk(db, terms, filters, limit, true);
  if (walked) {
    ({ docs: chosen, total } = walked);
    // Matched in a machine translation: some term prefixes a word of the doc's second posting
    // (known from the walk when one term drove it alone).
    const [second, rows] = walked.rows
      ? [walked.rows.second, walked.rows.docs]
      : await Promise.all([
          walked.inTranslation ? null : db.searchPostings.bulkGet(chosen.map((d) => d * 2 + 1)),
          db.searchDocs.bulkGet(chosen),
        ]);
    docRows = rows;
    read = walked.rows?.messages ?? null;
    const inTranslation =
      walked.inTranslation ??
      new Set(chosen.filter((_, i) => query.terms.some((t) => prefixes(second?.[i]?.words ?? [], t))));
    translated = (doc) => inTranslation.has(doc);
  } else {
    const all = await matchingDocs(db, terms, filters);
    chosen = all.docs.slice(0, limit);
    total = all.docs.length;
    translated = all.translated;
    docRows = await db.searchDocs.bulkGet(chosen);
  }
  const present = docRows.filter((d): d is SearchDocRow => d !== undefined);
  const messages = read
    ? read.filter((_, i) => docRows[i] !== undefined)
    : await db.messages.bulkGet(present.map((d) => d.clientId));
  // The translation shown: a cached one that matched, else none (the approved one is on the row);
  // the hits' translations are asked for together.
  const shown = await Promise.all(
    present.map(async (d): Promise<TranslationRow | null> => {
      if (!(await translated(d.id))) return null;
      const all = await db.translations
        .where('[clientId+targetLang]')
        .between([d.clientId, Dexie.minKey], [d.clientId, Dexie.maxKey])
        .toArray();
      return all.find((t) => t.state === 'translated' && highlightRanges(t.text, query).length > 0) ?? null;
    }),
  );
  const hits: SearchHit[] = [];
  for (const [i, message] of messages.entries()) {
    if (message) hits.push({ message, translation: shown[i] ?? null });
  }
  return { hits, total, more: false, docs: present.map((d) => d.id) };
}
