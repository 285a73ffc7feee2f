/** Day grouping of a message list in the reader's time zone. Pure: the zone and "now" are inputs. */

/** One formatter per zone: building one costs far more than using it (issue 10, a window of messages). */
const byZone = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant in an IANA time zone. */
export function dayKey(instant: Date, timeZone: string): string {
  let f = byZone.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    byZone.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export type Row<M> = { kind: 'day'; key: string; day: string } | { kind: 'message'; key: string; message: M };

/**
 * Interleaves a day separator before the first message of each local day. `when` gives the
 * instant a message belongs to (server time when stored, local creation time while pending).
 */
export function withDaySeparators<M>(
  messages: readonly M[],
  when: (m: M) => Date,
  id: (m: M) => string,
  timeZone: string,
): Row<M>[] {
  const rows: Row<M>[] = [];
  let current: string | null = null;
  for (const m of messages) {
    const day = dayKey(when(m), timeZone);
    if (day !== current) {
      rows.push({ kind: 'day', key: `day:${day}`, day });
      current = day;
    }
    rows.push({ kind: 'message', key: id(m), message: m });
  }
  return rows;
}

/** Whole days between two `YYYY-MM-DD` keys (b - a), independent of DST. */
export function daysBetween(a: string, b: string): number {
  const toUtc = (k: string): number => {
    const [y, m, d] = k.split('-').map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

let zone: { value: string; at: number } | null = null;

/**
 * The reader's own IANA time zone. Asked on every render of every clock and message list, and a
 * default Intl formatter is slow to build (issue 10, the profile of Enter): read again at most
 * once a minute, which still follows a laptop carried into another zone.
 */
export function localTimeZone(now: number = Date.now()): string {
  if (!zone || now - zone.at > 60_000 || now < zone.at)
    zone = { value: Intl.DateTimeFormat().resolvedOptions().timeZone, at: now };
  return zone.value;
}
