/**
 * Small UI state shared by sibling components that do not own each other (composer, header,
 * right panel, workspace): per partner, the order reference waiting in the composer; per
 * conversation, the order filter; and the last refused deep link. In memory only.
 */
import { useSyncExternalStore } from 'react';
import type { OrderRef } from '../../../../shared/protocol';

interface State {
  composerOrder: Record<string, OrderRef | null>;
  orderFilter: Record<string, string | null>;
  /** A refused deep link's reason, shown once. */
  deepLinkError: string | null;
}

let state: State = { composerOrder: {}, orderFilter: {}, deepLinkError: null };
const listeners = new Set<() => void>();

function set(next: Partial<State>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useOrderUi<T>(select: (s: State) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}

export const orderUi = {
  setComposerOrder(partner: string, order: OrderRef | null): void {
    set({ composerOrder: { ...state.composerOrder, [partner]: order } });
  },
  setOrderFilter(conversationId: string, orderNo: string | null): void {
    set({ orderFilter: { ...state.orderFilter, [conversationId]: orderNo } });
  },
  setDeepLinkError(message: string | null): void {
    set({ deepLinkError: message });
  },
};
