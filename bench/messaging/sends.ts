/**
 * A plain text send as the messages feature's group committer takes it (`PendingSend`: validated,
 * members in id order), for the benches that drive the committer without a socket
 * (commitpath.ts, statements.ts, durability.ts).
 */
import { randomUUID } from 'node:crypto';
import { conversationIdFor } from '../../shared/protocol';
import type { PendingSend } from '../../server/src/features/messages/commit';

export function plainSend(
  from: string,
  to: string,
  text: string,
  clientId: string = randomUUID(),
  at: Date = new Date(),
): PendingSend {
  return {
    conversationId: conversationIdFor(from, to),
    members: [from, to].sort() as [string, string],
    sender: from,
    to,
    clientId,
    text,
    lang: 'en',
    translation: null,
    attachments: [],
    order: null,
    change: null,
    // The server's edit window (`editWindowMinutes`, 15): the benches send no edits.
    changeWindowMs: 15 * 60_000,
    replyTo: null,
    at,
  };
}
