/**
 * What a contact's presence dot and status line say. While my own connection is down, the stored
 * state is only what was known when it dropped: the partner may have gone or come back since, so
 * it shows as "unknown since <when I lost the connection>" instead of a stale "busy" (issue 12).
 * Pure: unit-tested in shown.test.ts.
 */
import type { Presence, PresenceState } from '../../../../shared/protocol';
import type { ConnectionState } from '../../sync/engine';

export type ShownPresence =
  | { state: PresenceState; lastSeen: string | null }
  /** `since`: ISO time my connection was lost; null when it never connected in this session. */
  | { state: 'unknown'; since: string | null };

/**
 * Whether what is stored about others' presence may be shown as known: my connection is up, or
 * still making its first connection (what is stored is about to be confirmed or corrected).
 */
export function presenceKnown(connection: ConnectionState, offlineSince: number | null): boolean {
  return connection === 'online' || (connection === 'connecting' && offlineSince === null);
}

export function shownPresence(
  stored: Presence | undefined,
  connection: ConnectionState,
  offlineSince: number | null,
): ShownPresence {
  if (!presenceKnown(connection, offlineSince))
    return { state: 'unknown', since: offlineSince === null ? null : new Date(offlineSince).toISOString() };
  return { state: stored?.state ?? 'offline', lastSeen: stored?.lastSeen ?? null };
}
