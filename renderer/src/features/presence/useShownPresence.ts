import { useSyncExternalStore } from 'react';
import type { Presence } from '../../../../shared/protocol';
import { useSession } from '../../sync/session';
import { presenceKnown, shownPresence, type ShownPresence } from './shown';

/** A contact's presence as it may be shown now, given my own connection (see shown.ts). */
export function useShownPresence(stored: Presence | undefined): ShownPresence {
  const { engine } = useSession();
  const connection = useSyncExternalStore(engine.subscribe, engine.getState);
  // Changes only together with the state, so the subscription above re-renders for it too.
  const offlineSince = engine.getOfflineSince();
  return shownPresence(stored, connection, offlineSince);
}

/**
 * Whether others' stored presence is known now (see `presenceKnown`): false while my own
 * connection is down, when counts of who is online would be the last-known ones (issue 12).
 */
export function usePresenceKnown(): boolean {
  const { engine } = useSession();
  const connection = useSyncExternalStore(engine.subscribe, engine.getState);
  return presenceKnown(connection, engine.getOfflineSince());
}
