/**
 * Presence merging (docs/protocol.md § Presence). A user may be connected from several devices;
 * each device reports a setting, and contacts see one state: the most available of them.
 * Pure: the server (in memory or via Redis) and clients share it.
 */
import type { PresenceSetting, PresenceState } from '../protocol/schemas';

/** Most available first. `invisible` ("appear offline") counts as no device at all. */
const RANK: Record<PresenceState, number> = { online: 3, away: 2, busy: 1, offline: 0 };

/** What contacts see for one device's setting. */
export function visibleState(setting: PresenceSetting): PresenceState {
  return setting === 'invisible' ? 'offline' : setting;
}

/**
 * The state contacts see for a user whose connected devices report `settings` (one per
 * connected socket): the best visible state of any device, `offline` when none is connected
 * or all of them appear offline.
 */
export function mergePresence(settings: Iterable<PresenceSetting>): PresenceState {
  let best: PresenceState = 'offline';
  for (const s of settings) {
    const v = visibleState(s);
    if (RANK[v] > RANK[best]) best = v;
  }
  return best;
}

/** Whether a change from `before` to `after` means the user just went out of sight (last seen = now). */
export function wentOffline(before: PresenceState, after: PresenceState): boolean {
  return before !== 'offline' && after === 'offline';
}
