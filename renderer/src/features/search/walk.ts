/**
 * The newest-first walk of message search (issue 10), free of IndexedDB so it is unit-tested: a
 * word's postings come newest first (a reverse key cursor on the multiEntry `words` index, whose
 * primary keys are time-ordered within one word); the streams of every word a term prefixes are
 * merged by key, each doc taken once, and the walk stops as soon as `limit` + 1 docs passed the
 * checks — so a common word reads ~50 keys instead of all its tens of thousands.
 *
 * Candidates are checked in batches: the checks that read rows (the other terms' postings, the
 * doc's conversation) issue one batch of requests and wait once, instead of one round trip per
 * candidate. The first batch is `limit` + 1 (enough when every candidate passes); later ones are
 * sized by the share accepted so far.
 */
import type { SearchDocRow, SearchPostingRow } from '../../db/rows/search';
import { docOfPosting } from './indexer';

/** A word's posting ids, largest (newest) first. `head` is null once exhausted. */
export interface PostingStream {
  readonly head: number | null;
  advance(): Promise<void>;
  /**
   * False while `head` comes from a cursor stepped one request at a time (past a block read at
   * once): the walk checks the candidates it has before it steps (a batch ends there).
   */
  readonly inHand?: boolean;
}

/** Does some word of a doc start with `term`? (`exact`: the order's word must be equal.) */
export const prefixes = (words: readonly string[], term: string, exact = false): boolean =>
  words.some((w) => (exact ? w === term : w.startsWith(term)));

/**
 * The term that drives the walk: the one with the fewest postings; on a tie (counts read up to a
 * cap tie at the cap) the longest term, as a longer prefix is usually the rarer; then the first.
 */
export function rarest(counts: readonly number[], lengths: readonly number[] = []): number {
  let best = 0;
  for (let i = 1; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    const b = counts[best] ?? 0;
    if (c < b || (c === b && (lengths[i] ?? 0) > (lengths[best] ?? 0))) best = i;
  }
  return best;
}

export interface Walked {
  /** The newest matching docs, newest first, at most `limit`. */
  docs: number[];
  /** Null when more than `limit` match (the count is then taken apart), else `docs.length`. */
  total: number | null;
  /** More than `maxRefused` candidates were refused: the caller answers the full way instead. */
  gaveUp: boolean;
}

/** Checks a batch of candidate docs (newest first); answers one boolean per doc, in order. */
export type BatchCheck = (docs: readonly number[]) => readonly boolean[] | Promise<readonly boolean[]>;

/** A check of one doc at a time, as a batch check (tests, and checks that need no rows). */
export const eachDoc =
  (check: (doc: number) => boolean | Promise<boolean>): BatchCheck =>
  (docs) =>
    Promise.all(docs.map(async (d) => check(d)));

/** A term to check on a candidate: a prefix of some word of the doc, or (`exact`) the word. */
export interface CheckedTerm {
  text: string;
  exact: boolean;
}

/** What a batch of candidates is checked against, and how their rows are read. */
export interface CandidateChecks {
  /** Only docs of this conversation (the contact filter). */
  conversationId?: string;
  /**
   * The conversation's doc ids as a set (null: too long to hold), read once a batch has refused a
   * candidate for its conversation — a long conversation that holds most candidates never is.
   */
  conversationSet: () => Promise<ReadonlySet<number> | null>;
  /** The conversation of each doc (its doc row), asked for together (until the set is read). */
  conversationsOf: (docs: readonly number[]) => Promise<readonly (string | undefined)[]>;
  /** Terms besides the one that drives the walk: every one must match. */
  others: readonly CheckedTerm[];
  /** The words of each doc (both of its postings), asked for together. */
  wordsOf: (docs: readonly number[]) => Promise<readonly (readonly string[])[]>;
}

/**
 * The check of a batch of candidates: the conversation first (from its doc rows, or from the set
 * once one was refused: no read), then the other terms on the words of those left — each kind of
 * row read once per batch.
 */
export function candidateCheck(c: CandidateChecks): BatchCheck {
  let inConversation: ReadonlySet<number> | null | undefined; // undefined: not read (yet)
  let refused = false;
  return async (batch) => {
    let left = [...batch.keys()];
    const { conversationId } = c;
    if (conversationId !== undefined) {
      if (refused && inConversation === undefined) inConversation = await c.conversationSet();
      const set = inConversation;
      if (set) left = left.filter((i) => set.has(batch[i]!));
      else {
        const of = await c.conversationsOf(left.map((i) => batch[i]!));
        left = left.filter((_, j) => of[j] === conversationId);
        if (left.length < batch.length) refused = true;
      }
    }
    if (c.others.length > 0 && left.length > 0) {
      const words = await c.wordsOf(left.map((i) => batch[i]!));
      left = left.filter((_, j) => c.others.every((t) => prefixes(words[j] ?? [], t.text, t.exact)));
    }
    const ok = batch.map(() => false);
    for (const i of left) ok[i] = true;
    return ok;
  };
}

/**
 * The postings a walk has read whole, by posting id (a word's newest ones in one read): since v14
 * they carry their message's keys, so the checks and the hits read from them, not from more rows.
 */
export type HeldPostings = ReadonlyMap<number, SearchPostingRow>;

/** A doc's message keys from a posting in hand that carries them (v14), else undefined. */
export function docFromPostings(held: HeldPostings, doc: number): SearchDocRow | undefined {
  const p = held.get(doc * 2) ?? held.get(doc * 2 + 1);
  if (p?.clientId === undefined || p.conversationId === undefined || p.seq === undefined) return undefined;
  return { id: doc, conversationId: p.conversationId, seq: p.seq, clientId: p.clientId };
}

/**
 * A doc's words as far as the postings in hand have them, and whether that is all of them: both
 * postings held, or its own posting (v14) saying that no machine translation of it is indexed.
 */
export function knownWords(held: HeldPostings, doc: number): { words: string[]; complete: boolean } {
  const own = held.get(doc * 2);
  const mt = held.get(doc * 2 + 1);
  return {
    words: [...(own?.words ?? []), ...(mt?.words ?? [])],
    complete:
      (own !== undefined && mt !== undefined) || (own?.clientId !== undefined && own.translated !== true),
  };
}

/**
 * The conversation of each doc (`CandidateChecks.conversationsOf`): from the postings in hand,
 * and `read` (doc rows by doc id, in one go) only for docs whose postings do not say.
 */
export function conversationsWithHeld(
  held: HeldPostings | null,
  read: (docs: number[]) => Promise<ReadonlyMap<number, { conversationId: string }>>,
): CandidateChecks['conversationsOf'] {
  return async (docs) => {
    const have = docs.map((doc) => (held ? docFromPostings(held, doc)?.conversationId : undefined));
    const missing = docs.filter((_, i) => have[i] === undefined);
    const rows = missing.length > 0 ? await read(missing) : null;
    return docs.map((doc, i) => have[i] ?? rows?.get(doc)?.conversationId);
  };
}

/**
 * The words of each doc (`CandidateChecks.wordsOf`) for the check of `others`: those of the
 * postings in hand, and `read` (postings by id, in one go) only for docs whose postings in hand
 * neither match every term nor are all of the doc's words.
 */
export function wordsWithHeld(
  held: HeldPostings | null,
  others: readonly CheckedTerm[],
  read: (postings: number[]) => Promise<ReadonlyMap<number, { words: string[] }>>,
): CandidateChecks['wordsOf'] {
  return async (docs) => {
    const have = docs.map((doc) => (held ? knownWords(held, doc) : { words: [], complete: false }));
    const missing = docs.filter(
      (_, i) => !have[i]!.complete && !others.every((t) => prefixes(have[i]!.words, t.text, t.exact)),
    );
    const rows = missing.length > 0 ? await read(missing.flatMap((doc) => [doc * 2, doc * 2 + 1])) : null;
    return docs.map((doc, i) =>
      rows?.has(doc * 2) || rows?.has(doc * 2 + 1)
        ? [...(rows.get(doc * 2)?.words ?? []), ...(rows.get(doc * 2 + 1)?.words ?? [])]
        : have[i]!.words,
    );
  };
}

/**
 * A page of one conversation's docs, newest first (searchDocs `[conversationId+id]`, v15): those
 * with ids in [`lo`, `hi`), at most `count`.
 */
export type ConversationPage = (hi: number, lo: number, count: number) => Promise<readonly SearchDocRow[]>;

/** The docs of one conversation held by `conversationWindow`, and its check of candidates. */
export interface ConversationWindow {
  /** The conversation's docs read so far, by id: the hits' message keys come from them. */
  readonly held: ReadonlyMap<number, SearchDocRow>;
  /** `CandidateChecks.conversationsOf`: `conversationId` for the candidates of the conversation. */
  conversationsOf: CandidateChecks['conversationsOf'];
}

/** Rows a conversation page reads at least, and per candidate it must decide. */
const PAGE_MIN = 256;
const PAGE_PER_CANDIDATE = 4;

/**
 * The contact filter by keys, not rows (v15): one conversation's docs are read newest first, in
 * pages by their ids, down to the candidates being checked; a candidate is in the conversation
 * exactly when its doc is among those read, since every doc of the conversation at or above the
 * lowest id read is read. The word's postings need not be read whole (their keys are the
 * candidates), and a candidate costs no row of its own. A page reads at most `PAGE_PER_CANDIDATE`
 * rows per candidate (at least `PAGE_MIN`): below that, where the conversation is dense and the
 * word rare, the candidates' own doc rows are read instead (`rowsOf`).
 *
 * `first`: the newest page, asked for before the candidates were known (`firstCount` rows from
 * `top` down), so the common case waits for no page of its own.
 */
export function conversationWindow(
  conversationId: string,
  top: number,
  first: Promise<readonly SearchDocRow[]> | null,
  firstCount: number,
  page: ConversationPage,
  rowsOf: (docs: number[]) => Promise<ReadonlyMap<number, { conversationId: string }>>,
): ConversationWindow {
  const held = new Map<number, SearchDocRow>();
  // Every doc of the conversation with an id in [floor, top) is held.
  let floor = top;
  const take = (rows: readonly SearchDocRow[], lo: number, count: number): void => {
    for (const r of rows) held.set(r.id, r);
    const last = rows[rows.length - 1];
    // A short page read all there was down to `lo`; a full one down to its last row.
    if (rows.length < count) floor = lo;
    else if (last) floor = last.id;
  };
  let pending = first?.then((rows) => take(rows, -Infinity, firstCount)) ?? null;
  // Awaited by the first check; a walk that ends before one (too many words) leaves it unread.
  pending?.catch(() => undefined);
  return {
    held,
    async conversationsOf(docs) {
      if (pending) {
        await pending;
        pending = null;
      }
      let min = Infinity;
      for (const d of docs) if (d < min) min = d;
      if (min < floor) {
        const count = Math.max(PAGE_MIN, PAGE_PER_CANDIDATE * docs.length);
        take(await page(floor, min, count), min, count);
      }
      const below = docs.filter((d) => d < floor);
      const rows = below.length > 0 ? await rowsOf(below) : null;
      return docs.map((d) =>
        d >= floor ? (held.has(d) ? conversationId : undefined) : rows?.get(d)?.conversationId,
      );
    },
  };
}

/**
 * Does a query of `terms` match only messages that `earlier` (the previous keystroke's terms)
 * matched too? It does when every earlier term is a prefix of some new one ("prob" → "probk",
 * or a word added): a message with a word that the new term prefixes has one the earlier term
 * prefixes. Then a complete earlier answer holds every new match.
 */
export function refines(earlier: readonly string[], terms: readonly string[]): boolean {
  return earlier.length > 0 && earlier.every((e) => terms.some((t) => t.startsWith(e)));
}

/** Largest batch of candidates checked at once. */
const MAX_BATCH = 1024;

/**
 * Merges the streams newest first and keeps the docs `accept` says yes to (a doc's id is its
 * posting's / 2), down to (excluding) doc `below`; stops after `limit` + 1 accepted docs, or gives
 * up after `maxRefused` refused ones.
 */
export async function newestDocs(
  streams: readonly PostingStream[],
  accept: BatchCheck,
  limit: number,
  below = -Infinity,
  maxRefused = Infinity,
  /** Collects the candidates that some stream holds the odd (machine translations') posting of. */
  odd?: Set<number>,
): Promise<Walked> {
  const docs: number[] = [];
  let refused = 0;
  let examined = 0;
  let ended = false;
  while (!ended) {
    // How many to take: what is still wanted, divided by the share accepted so far.
    const wanted = limit + 1 - docs.length;
    const share = examined === 0 ? 1 : Math.max(docs.length / examined, 1 / 64);
    // The first batch is exactly what is wanted (every candidate may pass); later ones at least 16.
    const size = Math.min(MAX_BATCH, Math.max(examined === 0 ? 1 : 16, Math.ceil(wanted / share)));
    const batch: number[] = [];
    let fromHand = true;
    while (batch.length < size) {
      let top: number | null = null;
      let stepped = false;
      for (const s of streams) {
        if (s.head !== null && (top === null || s.head > top)) {
          top = s.head;
          stepped = s.inHand === false;
        }
      }
      if (top === null || docOfPosting(top) < below) {
        ended = true;
        break;
      }
      // The next candidate is the first that costs a cursor step: check those in hand first (they
      // may be enough); batches past that point step as far as their size.
      if (batch.length === 0) fromHand = !stepped;
      else if (stepped && fromHand) break;
      const doc = docOfPosting(top);
      // Every stream past this doc (a word can hold both of its postings).
      for (const s of streams) {
        while (s.head !== null && docOfPosting(s.head) === doc) {
          if (s.head % 2 === 1) odd?.add(doc);
          await s.advance();
        }
      }
      batch.push(doc);
    }
    if (batch.length === 0) break;
    const ok = await accept(batch);
    for (const [i, doc] of batch.entries()) {
      examined += 1;
      if (ok[i]) {
        if (docs.length === limit) return { docs, total: null, gaveUp: false };
        docs.push(doc);
      } else if (++refused > maxRefused) {
        return { docs, total: null, gaveUp: true };
      }
    }
  }
  return { docs, total: docs.length, gaveUp: false };
}

/**
 * A word's newest keys read at once (`first`, largest first, at most `block`), then — only if the
 * walk goes past them and the block was full — the word's newest `block` × `growth` keys read at
 * once again (`read`, in the same transaction: the same keys first), those under the last one
 * taken, and so on: past the first block a word costs one request a block, not one a candidate
 * (an index cannot be paged by primary key). The last key of a full block is not in hand: the walk
 * checks the candidates before it first, and reads the next block only if they are not enough.
 */
export function rereadStream(
  first: readonly number[],
  block: number,
  read: (count: number) => Promise<readonly number[]>,
  growth = 4,
): PostingStream {
  let keys = first;
  let i = 0;
  let size = block;
  let full = first.length === block;
  return {
    get head() {
      return i < keys.length ? keys[i]! : null;
    },
    get inHand() {
      return !(full && i === keys.length - 1);
    },
    async advance() {
      if (i >= keys.length) return;
      const last = keys[i]!;
      i += 1;
      if (i < keys.length || !full) return;
      size *= growth;
      const all = await read(size);
      full = all.length === size;
      keys = all.filter((k) => k < last);
      i = 0;
    },
  };
}

/** A stream over an array already sorted largest first (tests, and words read in one go). */
export function arrayStream(keys: readonly number[]): PostingStream {
  let i = 0;
  return {
    get head() {
      return i < keys.length ? keys[i]! : null;
    },
    advance() {
      i += 1;
      return Promise.resolve();
    },
  };
}

/**
 * Postings read newest first by id from the postings store (every word at once): those with ids
 * in [`bottom`, `below`), at most `count`, largest first.
 */
export type PostingPage = (below: number, count: number) => Promise<readonly SearchPostingRow[]>;

/** What `scanNewest` found: the newest matching docs and the postings it read of them. */
export interface Scanned {
  /** The newest matching docs, newest first, at most `limit`. */
  docs: number[];
  /** Null when more than `limit` match, else `docs.length`. */
  total: number | null;
  /** Both postings (where there are two) of each doc in `docs`, by posting id. */
  held: Map<number, SearchPostingRow>;
}

/**
 * The newest matching docs by a scan of every posting, newest first by id (the postings store's
 * own key order: a doc's id is its time), each doc checked on its postings in hand: the plan for a
 * term so short that it prefixes very many words ("3", "z": one stream per word, and above 64
 * words the full intersection of every key of every word, ~1 s at 100,000 messages) yet matches
 * a good share of all messages, so the newest few hundred postings hold the newest matches. A doc's
 * two postings are adjacent in this order (its machine translations', id × 2 + 1, first), so a
 * doc is decided when the read holds its own posting or goes on below it.
 *
 * `match` says whether a doc's postings match (null: it cannot tell from them — a pre-v14 posting
 * without its conversation — and the scan gives up). Reads `blocks` one after another, each from
 * where the last decided doc ended; null when they did not decide the newest `limit` + 1 (a rare
 * match: the caller walks the words instead). `project`: before each further block, give up
 * at once when the matches so far, at the same rate, would not reach `limit` + 1 within the
 * blocks left ("sf12", hundreds of rare words: 256 rows read in vain, not 1,280).
 */
export async function scanNewest(
  read: PostingPage,
  top: number,
  blocks: readonly number[],
  limit: number,
  match: (postings: readonly SearchPostingRow[]) => boolean | null,
  project = true,
): Promise<Scanned | null> {
  const docs: number[] = [];
  const held = new Map<number, SearchPostingRow>();
  let below = top;
  let scanned = 0;
  for (const [i, count] of blocks.entries()) {
    if (project && i > 0) {
      const left = blocks.slice(i).reduce((a, b) => a + b, 0);
      if (docs.length === 0 || (scanned * (limit + 1)) / docs.length > scanned + left) return null;
    }
    const rows = await read(below, count);
    scanned += rows.length;
    const exhausted = rows.length < count;
    let at = 0;
    while (at < rows.length) {
      const doc = docOfPosting(rows[at]!.id);
      let end = at + 1;
      while (end < rows.length && docOfPosting(rows[end]!.id) === doc) end += 1;
      const group = rows.slice(at, end);
      // The read's last doc is whole only with its own posting (even id) or at the range's end.
      if (end === rows.length && !exhausted && group.every((p) => p.id % 2 === 1)) break;
      const ok = match(group);
      if (ok === null) return null;
      if (ok) {
        if (docs.length === limit) return { docs, total: null, held };
        docs.push(doc);
        for (const p of group) held.set(p.id, p);
      }
      below = doc * 2;
      at = end;
    }
    if (exhausted) return { docs, total: docs.length, held };
  }
  return null;
}
