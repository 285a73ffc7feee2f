/**
 * What the composer of a conversation is doing besides writing a new message (issue 11): replying
 * to a message (the quote shows above the field) or editing one of mine (the edit bar replaces
 * the field). Set from a bubble's menu, cleared by Escape, by sending, or by another choice.
 */
import { useSyncExternalStore } from 'react';
import type { MessageRow } from '../../db/schema';

export type ComposerMode =
  | { kind: 'reply'; message: MessageRow }
  /** `text`: the version being edited (the newest edit, else the original). */
  | { kind: 'edit'; message: MessageRow; text: string };

const modes = new Map<string, ComposerMode>();
const listeners = new Set<() => void>();

/** Replying to or editing `mode.message` in its conversation; null goes back to a new message. */
export function setComposerMode(conversationId: string, mode: ComposerMode | null): void {
  if (mode) modes.set(conversationId, mode);
  else modes.delete(conversationId);
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useComposerMode(conversationId: string): ComposerMode | null {
  return useSyncExternalStore(subscribe, () => modes.get(conversationId) ?? null);
}
