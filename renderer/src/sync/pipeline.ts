/**
 * Catch-up with requests on the wire while answers are being stored (issue 10: storing a page and
 * then waiting for the server's next one left both sides idle half the time).
 *
 * The guarantees are the ones of asking one page at a time:
 * - answers are stored in the order they were asked for, and a store starts only after the
 *   previous store has committed (resolved);
 * - the next request is worked out from the answers received (the last seq of each page), never
 *   from what is stored, so nothing waits for a commit to ask; what moves the durable cursors is
 *   still only the store's transaction, so a failure or a crash mid-way loses at most answers
 *   not yet stored, and the next catch-up asks again from the committed cursors;
 * - one request on the wire at a time, and no new one while `limit` of received answers (by
 *   `weight`: messages) wait to be stored. Answers that arrived while a store ran are stored
 *   together in the next one: when the server is faster than the store, transactions grow (up
 *   to about `limit`) instead of queueing up.
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
  /** Stores answers (consecutive, in order) in one transaction; the next store waits for it. */
  store(answers: T[]): Promise<void>;
}

/**
 * Runs `p` to the end: asks, stores what has arrived, and asks again as soon as an answer is in
 * while there is room. A store that throws ends the loop (the error propagates; answers received
 * and not stored are dropped, and no further request is sent); so does a request that rejects,
 * once what arrived before it is stored.
 */
export async function pipelined<T>(
  p: Pipeline<T>,
  { limit, weight }: { limit: number; weight: (answer: T) => number } = { limit: 1, weight: () => 1 },
): Promise<void> {
  const ready: T[] = [];
  let waiting = 0; // the weight of `ready`
  let asking = false;
  let finished = false;
  let failure = null as { error: unknown } | null;
  let wake: () => void = () => undefined;

  const askNext = (): void => {
    if (asking || finished || waiting >= limit) return;
    const request = p.ask();
    if (!request) {
      finished = true;
      return;
    }
    asking = true;
    request.then(
      (answer) => {
        asking = false;
        if (failure) return; // a store failed meanwhile: the loop is over
        ready.push(answer);
        waiting += weight(answer);
        if (!p.received(answer)) finished = true;
        askNext();
        wake();
      },
      (error: unknown) => {
        asking = false;
        finished = true;
        failure ??= { error };
        wake();
      },
    );
  };

  askNext();
  for (;;) {
    if (ready.length === 0) {
      if (failure) throw failure.error;
      if (finished && !asking) return;
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    const answers = ready.splice(0);
    waiting = 0;
    askNext(); // room again while these are stored
    try {
      await p.store(answers);
    } catch (error) {
      failure = { error };
      finished = true;
      throw error;
    }
  }
}
