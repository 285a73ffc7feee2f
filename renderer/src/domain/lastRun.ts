/**
 * Who wrote last in a conversation, and since when (issue 11, the Unanswered queue): the trailing
 * run of one sender's messages. Kept in the conversation row by db/repo.ts in the transaction of
 * each message stored, written or acked — never recomputed from the history — so the seller's
 * morning queue ("conversations whose last message is from the other side, oldest first") is a
 * filter over rows the conversation list already reads.
 */

export interface LastRun {
  /** Who wrote the newest ordinary message; null before anyone wrote. */
  sender: string | null;
  /** When that sender's trailing run began (ISO): how long the other side has been waiting. */
  since: string | null;
  /** The highest stored seq taken into account (0 = none): a message at or below it is old news. */
  seq: number;
}

export const NO_RUN: LastRun = { sender: null, since: null, seq: 0 };

/** What the run needs to know about one message: a stored one has its seq, a pending one not yet. */
export interface RunMessage {
  sender: string;
  /** ISO: server time once stored, creation time while pending. */
  at: string;
  seq?: number;
  /** Edits and retractions change an earlier message; they answer nobody. */
  change?: unknown;
  /** Nor does an automatic reply the server sent for its sender (away): the buyer still waits. */
  automatic?: unknown;
}

/**
 * The run after one more message. A stored message at or below the seq already counted (a catch-up
 * page of older history, the echo of my own acked message) changes nothing; a pending message of
 * mine is newer than everything stored.
 */
export function nextRun(prev: LastRun, m: RunMessage): LastRun {
  if ((m.change !== undefined && m.change !== null) || (m.automatic !== undefined && m.automatic !== null))
    return prev;
  if (m.seq !== undefined && m.seq <= prev.seq) return prev;
  const seq = Math.max(prev.seq, m.seq ?? 0);
  if (prev.sender === m.sender && prev.since !== null) return { ...prev, seq };
  return { sender: m.sender, since: m.at, seq };
}

/** The run after several messages, in any order: stored ones by seq, then pending ones as given. */
export function runAfter(prev: LastRun, messages: readonly RunMessage[]): LastRun {
  const stored = messages.filter((m) => m.seq !== undefined).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const pending = messages.filter((m) => m.seq === undefined);
  return [...stored, ...pending].reduce(nextRun, prev);
}
