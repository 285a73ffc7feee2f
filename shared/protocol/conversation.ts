/**
 * A 1:1 conversation's id is derived from its two member ids, so a client can file a message
 * written offline under the right conversation before the server has ever seen it.
 */
export function conversationIdFor(a: string, b: string): string {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()].sort();
  return `dm:${x}:${y}`;
}

/** The two member ids of a conversation id, or null if it is not one. */
export function participantsOf(conversationId: string): [string, string] | null {
  const m = /^dm:([a-z0-9][a-z0-9_.-]{2,31}):([a-z0-9][a-z0-9_.-]{2,31})$/.exec(conversationId);
  if (!m || m[1] === undefined || m[2] === undefined || m[1] >= m[2]) return null;
  return [m[1], m[2]];
}

/** The other participant of a conversation. */
export function partnerOf(conversationId: string, me: string): string | null {
  const p = participantsOf(conversationId);
  if (!p || !p.includes(me)) return null;
  return p[0] === me ? p[1] : p[0];
}
