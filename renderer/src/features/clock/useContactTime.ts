/** Live "their clock" for a row or header: one timer per consumer, set for the next change. */
import { useEffect, useState } from 'react';
import { contactTime, nextRefreshAt, type ContactTime } from '../../../../shared/domain/businessHours';
import { isValidTimeZone } from '../../../../shared/domain/timeZones';
import type { BusinessHours } from '../../../../shared/protocol';
import { localTimeZone } from '../../domain/days';

/** The zone this window runs in (the user's own clock); read at most once a minute (domain/days.ts). */
export function myTimeZone(): string {
  return localTimeZone() || 'UTC';
}

/** Longest single setTimeout we schedule; the clock changes every minute anyway. */
const MAX_WAIT_MS = 60_000;

/**
 * The contact's clock and business status, re-computed exactly when the shown minute or the
 * open/closed state changes (`nextRefreshAt`), not by polling. Null for an unknown zone.
 */
export function useContactTime(
  profile: { timeZone: string; businessHours?: BusinessHours | undefined } | null | undefined,
): ContactTime | null {
  const [now, setNow] = useState(() => Date.now());
  const zone = profile?.timeZone;
  const hours = profile?.businessHours;
  const valid = zone !== undefined && isValidTimeZone(zone);
  const time = valid ? contactTime({ timeZone: zone, businessHours: hours }, myTimeZone(), now) : null;
  const next = time ? nextRefreshAt(time, now) : null;
  useEffect(() => {
    if (next === null) return;
    const id = setTimeout(
      () => setNow(Date.now()),
      Math.min(MAX_WAIT_MS, Math.max(0, next - Date.now()) + 5),
    );
    return () => clearTimeout(id);
  }, [next]);
  return time;
}
