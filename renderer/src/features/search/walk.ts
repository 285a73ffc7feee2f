/**
 * The newest-first walk of message search (issue 10), free of IndexedDB so it is unit-tested: a
 * word's postings come newest first (a reverse key cursor on the multiEntry `words` index, whose
 * primary keys are time-ordered within one word); the streams of every word a term prefixes are
 * merged by key, each doc taken once, and the walk stops as soon as `limit` + 1 docs passed the
 * checks — so a common word reads ~50 keys instead of all its tens of thousands.
 */
import { docOfPosting } from './indexer';

/** A word's posting ids, largest (newest) first. `head` is null once exhausted. */
export interface PostingStream {
  readonly head: number | null;
  advance(): Promise<void>;
}

/** Does some word of a doc start with `term`? (`exact`: the order's word must be equal.) */
export const prefixes = (words: readonly string[], term: string, exact = false): boolean =>
  words.some((w) => (exact ? w === term : w.startsWith(term)));

/** The term that drives the walk: the one with the fewest postings (first on a tie). */
export function rarest(counts: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < counts.length; i++) if ((counts[i] ?? 0) < (counts[best] ?? 0)) best = i;
  return best;
}

export interface Walked {
  /** The newest matching docs, newest first, at most `limit`. */
  docs: number[];
  /** Null when more than `limit` match (the count is then taken apart), else `docs.length`. */
  total: number | null;
  /** More than `maxExamined` candidates were refused: the caller answers the full way instead. */
  gaveUp: boolean;
}

/**
 * Merges the streams newest first and keeps the docs `accept` says yes to (a doc's id is its
 * posting's / 2), down to (excluding) doc `below`; stops after `limit` + 1 accepted docs, or gives
 * up after `maxExamined` refused ones.
 */
export async function newestDocs(
  streams: readonly PostingStream[],
  accept: (doc: number) => boolean | Promise<boolean>,
  limit: number,
  below = -Infinity,
  maxExamined = Infinity,
): Promise<Walked> {
  const docs: number[] = [];
  let refused = 0;
  for (;;) {
    let top: number | null = null;
    for (const s of streams) if (s.head !== null && (top === null || s.head > top)) top = s.head;
    if (top === null) return { docs, total: docs.length, gaveUp: false };
    const doc = docOfPosting(top);
    if (doc < below) return { docs, total: docs.length, gaveUp: false };
    // Every stream past this doc (a word can hold both of its postings).
    for (const s of streams) while (s.head !== null && docOfPosting(s.head) === doc) await s.advance();
    if (await accept(doc)) {
      if (docs.length === limit) return { docs, total: null, gaveUp: false };
      docs.push(doc);
    } else if (++refused > maxExamined) {
      return { docs, total: null, gaveUp: true };
    }
  }
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
