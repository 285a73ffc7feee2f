/**
 * Catch-up with the next request on the wire while an answer is being stored (issue 10: storing a
 * page and then waiting for the server's next one left both sides idle half the time).
 *
 * The guarantees are the ones of asking one page at a time:
 * - answers are stored in the order they were asked for, and an answer's store starts only after
 *   the previous store has committed (resolved);
 * - the next request is worked out from the answers received (the last seq of each page), never
 *   from what is stored, so nothing waits for a commit to ask; what moves the durable cursors is
 *   still only the store's transaction, so a failure or a crash mid-way loses at most answers
 *   not yet stored, and the next catch-up asks again from the committed cursors;
 * - one request ahead at most: memory stays one answer received plus one being stored.
 */

/** One catch-up loop, as `pipelined` drives it. */
export interface Pipeline<T> {
  /** Sends the next request, or returns null when there is nothing left to ask. */
  ask(): Promise<T> | null;
  /**
   * An answer arrived (answers arrive in the order asked): note from it alone what to ask next
   * (nothing of it is stored yet). False stops asking; the answers received are still stored.
   */
  received(answer: T): boolean;
  /** Stores an answer in one transaction; the next answer's store waits for this one. */
  store(answer: T): Promise<void>;
}

/**
 * Runs `p` to the end: ask, and as soon as an answer is in, ask for the next one while storing it.
 * A store that throws ends the loop (the error propagates; the request ahead is dropped).
 */
export async function pipelined<T>(p: Pipeline<T>): Promise<void> {
  let ahead = p.ask();
  while (ahead) {
    const answer = await ahead;
    ahead = p.received(answer) ? p.ask() : null;
    // If the store fails, nobody awaits the request ahead: keep its failure from being unhandled.
    ahead?.catch(() => undefined);
    await p.store(answer);
  }
}
