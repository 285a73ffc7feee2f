/**
 * Sentences about the other side's clock, built from the pure results in shared/domain and a
 * `t()`: "03:12 in Shanghai, GMT+8, outside business hours — opens in 5 h 48 min". Pure apart
 * from the `t` passed in, so clockText.test.ts can check the wording with a fake `t`.
 */
import type { ContactTime } from '../../../../shared/domain/businessHours';
import type { ReplyStats } from '../../../../shared/domain/replyStats';
import { durationParts } from '../../../../shared/domain/timeZones';
import type { WaitingClock } from '../../../../shared/domain/waitingClock';

/** The subset of i18next's `t` these helpers use. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** "Asia/Shanghai" → "Shanghai", "America/Sao_Paulo" → "Sao Paulo". */
export function cityOf(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

/** "5 h 48 min", "2 d 3 h", "40 min" (minutes rounded up, so "opens in 0 min" never shows). */
export function formatDuration(ms: number, t: Translate): string {
  const { days, hours, minutes } = durationParts(ms);
  if (days > 0) return hours > 0 ? t('clock.daysHours', { days, hours }) : t('clock.days', { days });
  if (hours > 0)
    return minutes > 0 ? t('clock.hoursMinutes', { hours, minutes }) : t('clock.hours', { hours });
  return t('clock.minutes', { minutes: Math.max(1, minutes) });
}

/** "03:12 in Shanghai, GMT+8" */
export function clockPhrase(time: ContactTime, t: Translate): string {
  return t('clock.inCity', {
    time: time.clock.time,
    city: cityOf(time.clock.timeZone),
    offset: time.clock.offsetLabel,
  });
}

/** "outside business hours — opens in 5 h 48 min", or null when they publish no hours. */
export function hoursPhrase(time: ContactTime, t: Translate): string | null {
  const s = time.status;
  if (s.state === 'unknown') return null;
  if (s.state === 'open') {
    return s.closesInMs === null
      ? t('clock.openAllDay')
      : t('clock.openCloses', { in: formatDuration(s.closesInMs, t) });
  }
  return s.opensInMs === null
    ? t('clock.closedNever')
    : t('clock.closedOpens', { in: formatDuration(s.opensInMs, t) });
}

/** The whole header sentence. */
export function headerClock(time: ContactTime, t: Translate): string {
  const hours = hoursPhrase(time, t);
  return hours === null ? clockPhrase(time, t) : t('clock.withHours', { clock: clockPhrase(time, t), hours });
}

/** "likely read around 09:00 their time (02:00 yours)", with "tomorrow" when it is not today. */
export function likelyReadPhrase(time: ContactTime, t: Translate): string | null {
  const lr = time.likelyRead;
  if (!lr) return null;
  const day = (m: { time: string; dayOffset: number }): string =>
    m.dayOffset === 0
      ? m.time
      : m.dayOffset === 1
        ? t('clock.tomorrow', { time: m.time })
        : t('clock.dayLater', { time: m.time, days: m.dayOffset });
  const their = day(lr.their);
  const mine = day(lr.mine);
  return t('clock.likelyRead', { their, mine });
}

/** "usually replies within ~2 h", or null when there are too few samples. */
export function replyPhrase(stats: ReplyStats, t: Translate): string | null {
  if (stats.kind !== 'ok') return null;
  return t(stats.phrase.key, { value: stats.phrase.value });
}

/** Whole hours, rounded down, at least 0. */
const hoursOf = (ms: number): number => Math.max(0, Math.floor(ms / 3_600_000));

/** "waiting 31 h of 48 h", or null when nothing of mine is waiting. */
export function waitingPhrase(clock: WaitingClock, t: Translate): string | null {
  if (clock.state === 'idle') return null;
  const waited =
    clock.waitedMs < 3_600_000
      ? formatDuration(clock.waitedMs, t)
      : t('clock.hours', { hours: hoursOf(clock.waitedMs) });
  return t(`waitingClock.${clock.state}`, {
    waited,
    total: t('clock.hours', { hours: hoursOf(clock.totalMs) }),
  });
}
