/** The words for a shown presence (shown.ts): the dot's detail and the conversation's status line. */
import { formatDate, formatTime } from '../../ui/format';
import type { ShownPresence } from './shown';

/** The subset of i18next's `t` used here (callers pass `t as unknown as Translate`, as for clockText). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A time today as "14:02", an earlier one as its date. */
function when(iso: string, now: Date): string {
  return new Date(iso).toDateString() === now.toDateString() ? formatTime(iso) : formatDate(iso);
}

/** More about the state for the dot's name and tooltip ("Last seen 14:02"), if there is more. */
export function presenceDetail(p: ShownPresence, t: Translate, now = new Date()): string | undefined {
  if (p.state === 'unknown') return p.since ? t('presence.since', { time: when(p.since, now) }) : undefined;
  if (p.state === 'offline' && p.lastSeen) return t('presence.lastSeen', { time: when(p.lastSeen, now) });
  return undefined;
}

/** The status line under a conversation's heading. */
export function presenceLine(p: ShownPresence, t: Translate, now = new Date()): string {
  if (p.state === 'unknown')
    return p.since ? t('presence.unknownSince', { time: when(p.since, now) }) : t('presence.unknown');
  if (p.state === 'offline' && p.lastSeen) return t('presence.lastSeen', { time: when(p.lastSeen, now) });
  return t(`presence.${p.state}`);
}
