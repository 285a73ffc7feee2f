/** Day grouping of a message list in the reader's time zone. Pure: the zone and "now" are inputs. */

/** One formatter per zone: building one costs far more than using it (issue 10, a window of messages). */
const byZone = new Map<string, Intl.DateTimeFormat>();

/**
 * Day keys already computed, by zone and quarter hour (issue 10: one per message of every window
 * rendered, the largest share of building the day separators). Every UTC offset in use is a whole
 * number of quarter hours (+05:45, +12:45, DST shifts of 30 or 60 minutes), so a local day starts
 * on a quarter hour and every instant of one quarter hour has the same local day.
 */
const byQuarter = new Map<string, string>();
const QUARTER_MS = 15 * 60_000;

/** `YYYY-MM-DD` of an instant in an IANA time zone. */
export function dayKey(instant: Date, timeZone: string): string {
  const t = instant.getTime();
  const cacheKey = Number.isFinite(t) ? `${timeZone}|${Math.floor(t / QUARTER_MS)}` : null;
  const hit = cacheKey === null ? undefined : byQuarter.get(cacheKey);
  if (hit !== undefined) return hit;
  let f = byZone.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    byZone.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  const key = `${get('year')}-${get('month')}-${get('day')}`;
  if (cacheKey !== null) {
    if (byQuarter.size >= 20_000) byQuarter.clear(); // a bound: a year is 35,040 quarter hours
    byQuarter.set(cacheKey, key);
  }
  return key;
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
