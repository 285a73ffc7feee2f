/**
 * Replies in a conversation's chain (issue 11; docs/evidence.md § Replies). A reply names the
 * earlier message it quotes by seq (`replyTo`); the quoted text is not copied, so the quote a
 * reader sees is always the signed message itself.
 */

export interface ReplyFault {
  code: 'reply_target';
  message: string;
}

/**
 * What is wrong with reply `m` (quoting `target`, undefined when the bundle lacks it); `whole`
 * says the bundle claims the whole conversation, where the quoted message must be present.
 */
export function replyFaults(
  m: { seq: number; replyTo: { seq: number } },
  target: { seq: number } | undefined,
  whole: boolean,
): ReplyFault[] {
  const { seq } = m.replyTo;
  if (seq >= m.seq)
    return [
      {
        code: 'reply_target',
        message: `Message ${m.seq} replies to message ${seq}, which is not an earlier message.`,
      },
    ];
  if (!target && whole)
    return [
      {
        code: 'reply_target',
        message: `Message ${m.seq} replies to message ${seq}, which the bundle does not contain.`,
      },
    ];
  return [];
}
