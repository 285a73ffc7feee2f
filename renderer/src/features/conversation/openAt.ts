/**
 * Open a conversation at one message (search results, Ctrl/Cmd+F, the first unread, a date): the
 * conversation view reads a window of the history around it (issue 10), and the message list
 * scrolls to it and flashes it once.
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

/** The user went back to the newest messages: the request for this conversation is done. */
export function settleOpenAt(conversationId: string): void {
  if (target?.conversationId !== conversationId) return;
  target = null;
  for (const l of listeners) l();
}
