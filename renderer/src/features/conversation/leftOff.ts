/**
 * Where the reader left off in a conversation (issue 10), for the jump bar's "first unread".
 * Opening a conversation in a focused window reads it at once (the read mark moves to the newest,
 * `unread` drops to 0), so the way back is kept from the first sight of it until it is used or
 * another conversation opens. It follows more messages arriving before the read mark moves; a
 * message read on arrival does not replace it. Once used it stays gone while the same messages
 * are unread: a window without focus reads nothing, and the button came back after every click.
 */
export interface LeftOff {
  conversationId: string;
  /** The first seq after the read mark. */
  seq: number;
  /** How many were unread. */
  count: number;
  /** The button was used: it shows again only for a new first unread. */
  used: boolean;
}

/** What the conversation shows now: its unread count and the seq after my read mark. */
export interface Unread {
  conversationId: string;
  unread: number;
  firstUnread: number;
}

/** The left-off place to keep after `now`, given the one kept (`kept` itself when unchanged). */
export function nextLeftOff(kept: LeftOff | null, now: Unread): LeftOff | null {
  const { conversationId, unread, firstUnread } = now;
  const here = kept?.conversationId === conversationId ? kept : null;
  if (unread === 0) return kept;
  if (here === null || (here.used && here.seq !== firstUnread))
    return { conversationId, seq: firstUnread, count: unread, used: false };
  if (!here.used && here.seq === firstUnread && here.count !== unread) return { ...here, count: unread };
  return kept;
}

/** The button's target: the kept place if it belongs to this conversation and is not used. */
export function shownLeftOff(kept: LeftOff | null, conversationId: string): LeftOff | null {
  return kept?.conversationId === conversationId && !kept.used ? kept : null;
}

/** After a click on the button: the place is used. */
export function usedLeftOff(kept: LeftOff): LeftOff {
  return { ...kept, used: true };
}
