/**
 * Deep links (`tradewind://chat?with=…&order=…&product=…`, the "Chat now" button of a product
 * page): from the desktop host's `deepLink` event, and in browser mode from the page URL
 * (`?open=<encoded link>` or `#/chat?…`). Every link goes through the shared parser; a refused
 * one shows its reason and opens nothing. An accepted one opens the conversation (looking the
 * member up when they are not a contact yet) with the order prefilled in the composer.
 */
import { useEffect } from 'react';
import { parseDeepLink } from '../../../../shared/deeplink';
import { isElectron } from '../../host';
import { onElectronHostEvent } from '../../host/electronBridge';
import type { SyncEngine } from '../../sync/engine';
import { composerStateFromDeepLink, deepLinkFromLocation } from './logic';
import { orderUi } from './uiState';

export function handleDeepLink(raw: string, engine: SyncEngine, open: (partner: string) => void): void {
  const r = parseDeepLink(raw);
  if (!r.ok) {
    orderUi.setDeepLinkError(r.message);
    return;
  }
  const { partner, order } = composerStateFromDeepLink(r.value);
  void (async () => {
    // Someone who is not a contact yet: make sure the member exists before opening a conversation.
    const known = await engine.db.contacts.get(partner);
    if (!known && partner !== engine.me) {
      const look = await engine.request('user:lookup', { memberId: partner }, 10_000);
      if (!look.ok && look.code === 'not_found') {
        orderUi.setDeepLinkError(look.message);
        return;
      }
    }
    if (partner === engine.me) {
      orderUi.setDeepLinkError('The link points at your own account.');
      return;
    }
    if (order) orderUi.setComposerOrder(partner, order);
    open(partner);
  })();
}

export function useDeepLinks(engine: SyncEngine, open: (partner: string) => void): void {
  useEffect(() => {
    if (isElectron) {
      return onElectronHostEvent((e) => {
        if (e.kind === 'deepLink') handleDeepLink(e.url, engine, open);
      });
    }
    const fromUrl = (): void => {
      const raw = deepLinkFromLocation(location.search, location.hash);
      if (raw === null) return;
      // Consume it, so a reload does not open it again.
      history.replaceState(null, '', location.pathname);
      handleDeepLink(raw, engine, open);
    };
    fromUrl();
    window.addEventListener('hashchange', fromUrl);
    return () => window.removeEventListener('hashchange', fromUrl);
  }, [engine, open]);
}
