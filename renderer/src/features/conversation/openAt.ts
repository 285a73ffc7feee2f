/**
 * Open a conversation at one message (search results, Ctrl/Cmd+F): the message list scrolls to
 * it and flashes it once. Kept minimal on purpose — the jump work of issue 10 (jump to a date, to
 * the first unread, windows of a long history) builds on it.
 */
import { useSyncExternalStore } from 'react';

export interface OpenAtTarget {
  conversationId: string;
  clientId: string;
  /** A new request for the same message scrolls and flashes again. */
  nonce: number;
}

let target: OpenAtTarget | null = null;
let nonce = 0;
const listeners = new Set<() => void>();

/** Asks the conversation's message list to show `clientId` (now, or as soon as it is open). */
export function openAt(conversationId: string, clientId: string): void {
  nonce += 1;
  target = { conversationId, clientId, nonce };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The pending request for this conversation, if any. */
export function useOpenAt(conversationId: string): OpenAtTarget | null {
  return useSyncExternalStore(subscribe, () => (target?.conversationId === conversationId ? target : null));
}
