/**
 * The unread counter of a conversation, kept incrementally (issue 10): `unread` = stored messages
 * from others with a seq after my read mark, not counting edits and retractions (issue 11: a
 * change shows in the message it changes, not as a new one). db/repo.ts applies these in the transaction of each
 * change, so the counter is never recounted and the work is proportional to the change.
 */
export interface UnreadState {
  /** My read mark: every seq up to it is read. */
  read: number;
  unread: number;
}

/** Messages stored for the first time (never a message stored before): others' after `read` count. */
export function afterStored(
  s: UnreadState,
  fresh: readonly { sender: string; seq: number; change?: unknown }[],
  me: string,
): UnreadState {
  const added = fresh.filter((m) => m.sender !== me && m.seq > s.read && !m.change).length;
  return { ...s, unread: s.unread + added };
}

/**
 * My read mark moved to `read` (it never moves back); `incomingBetween` counts the stored messages
 * from others in (old mark, `read`], which leave the counter.
 */
export function afterRead(
  s: UnreadState,
  read: number,
  incomingBetween: (from: number, to: number) => number,
): UnreadState {
  if (read <= s.read) return s;
  const seen = Math.min(s.unread, incomingBetween(s.read, read));
  return { read, unread: s.unread - seen };
}
