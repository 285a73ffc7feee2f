/**
 * Enter → my message on screen without a round trip (issue 10). The composer hands the row it is
 * about to write to IndexedDB here, and the conversation view shows it at once as "sending",
 * merged after its window of stored messages. The live query of the window brings the same row
 * (by client id) once the transaction has committed and it re-ran; from then on the window's row
 * is the one shown and the echo is dropped. A write that fails drops its echo: the text is still
 * in the composer, which clears only after the commit (Composer.tsx), so nothing typed is lost.
 */
import { useSyncExternalStore } from 'react';
import type { MessageRow } from '../../db/schema';

const NONE: readonly MessageRow[] = [];
let echoes = new Map<string, readonly MessageRow[]>();
const listeners = new Set<() => void>();

function set(conversationId: string, rows: readonly MessageRow[]): void {
  const next = new Map(echoes);
  if (rows.length === 0) next.delete(conversationId);
  else next.set(conversationId, rows);
  echoes = next;
  for (const l of listeners) l();
}

/** Shows `row` (a message being written) in its conversation now; returns what drops it again. */
export function echo(row: MessageRow): () => void {
  set(row.conversationId, [...(echoes.get(row.conversationId) ?? NONE), row]);
  return () => drop(row.conversationId, [row.clientId]);
}

/** The window now holds these messages itself: their echoes have done their job. */
export function drop(conversationId: string, clientIds: readonly string[]): void {
  const rows = echoes.get(conversationId);
  if (!rows) return;
  const gone = new Set(clientIds);
  const rest = rows.filter((r) => !gone.has(r.clientId));
  if (rest.length !== rows.length) set(conversationId, rest);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The echoes of one conversation, oldest first. */
export function echoesOf(conversationId: string): readonly MessageRow[] {
  return echoes.get(conversationId) ?? NONE;
}

/** `echoesOf`, re-rendering when it changes. */
export function useEchoes(conversationId: string): readonly MessageRow[] {
  return useSyncExternalStore(subscribe, () => echoesOf(conversationId));
}

/**
 * The window with the echoes it does not hold yet after it, in display order (stored by seq,
 * then pending in the order written). `window` itself when there is nothing to add. Pure.
 */
export function withEchoes(
  window: readonly MessageRow[],
  rows: readonly MessageRow[],
): readonly MessageRow[] {
  if (rows.length === 0) return window;
  const held = new Set(window.map((m) => m.clientId));
  const add = rows.filter((r) => !held.has(r.clientId));
  if (add.length === 0) return window;
  // `sort` is the seq once stored and the time written (ms, far larger) while pending: the index's order.
  return [...window, ...add].sort((a, b) => a.sort - b.sort);
}

/** The client ids of `rows` that `window` holds (their echoes can go). Pure. */
export function settled(window: readonly MessageRow[], rows: readonly MessageRow[]): string[] {
  if (rows.length === 0) return [];
  const held = new Set(window.map((m) => m.clientId));
  return rows.filter((r) => held.has(r.clientId)).map((r) => r.clientId);
}
