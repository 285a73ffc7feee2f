/**
 * Automatic "away": the status the server should have, from what the user chose and how long
 * they have been idle. Only a chosen "online" turns into "away"; "busy" and "appear offline" are
 * deliberate and stay. Pure: presence.test.ts checks it.
 */
import type { PresenceSetting } from '../../../../shared/protocol';

/** How often the idle time is checked. */
export const IDLE_CHECK_MS = 30_000;
/** Default minutes without input before "online" becomes "away". */
export const DEFAULT_AWAY_AFTER_MINUTES = 5;

export function effectiveSetting(
  chosen: PresenceSetting,
  idleSeconds: number,
  awayAfterMinutes: number,
): PresenceSetting {
  if (chosen !== 'online' || awayAfterMinutes <= 0) return chosen;
  return idleSeconds >= awayAfterMinutes * 60 ? 'away' : 'online';
}

/** Notifications are muted while the user is busy (do not disturb). */
export function notificationsMuted(setting: PresenceSetting): boolean {
  return setting === 'busy';
}
