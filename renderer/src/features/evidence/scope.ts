/**
 * Pure rules of the export dialog: which evidence scope the form describes (docs/evidence.md §
 * Scope) and which of the local messages it covers, for the dialog's count preview.
 */
import { inScope as sharedInScope } from '../../../../shared/evidence/attestation';
import type { Scope } from '../../../../shared/evidence/format';

export type ScopeKind = Scope['kind'];

export interface ScopeForm {
  kind: ScopeKind;
  orderNo: string;
  /** `YYYY-MM-DD` from a date input, in the exporter's time zone. */
  fromDate: string;
  /** Inclusive last day, `YYYY-MM-DD`. */
  toDate: string;
}

export type ScopeError = 'orderRequired' | 'datesRequired' | 'datesOrder';

/** Midnight of a calendar day in an IANA time zone, as a UTC instant (ms). */
export function zonedMidnight(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that instant; two passes settle DST changes at midnight.
  const offsetAt = (t: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(t);
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - t;
  };
  let t = guess - offsetAt(guess);
  t = guess - offsetAt(t);
  return t;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The scope the dialog describes. A date range covers whole days in the exporter's time zone:
 * from the first day's midnight (inclusive) to the midnight after the last day (exclusive).
 */
export function scopeFromForm(
  f: ScopeForm,
  timeZone: string,
): { ok: true; scope: Scope } | { ok: false; error: ScopeError } {
  if (f.kind === 'whole') return { ok: true, scope: { kind: 'whole' } };
  if (f.kind === 'order') {
    const orderNo = f.orderNo.trim();
    return orderNo === ''
      ? { ok: false, error: 'orderRequired' }
      : { ok: true, scope: { kind: 'order', orderNo } };
  }
  if (!DAY.test(f.fromDate) || !DAY.test(f.toDate)) return { ok: false, error: 'datesRequired' };
  if (f.toDate < f.fromDate) return { ok: false, error: 'datesOrder' };
  const [y, m, d] = f.toDate.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return {
    ok: true,
    scope: {
      kind: 'dateRange',
      from: new Date(zonedMidnight(f.fromDate, timeZone)).toISOString(),
      to: new Date(zonedMidnight(next, timeZone)).toISOString(),
    },
  };
}

type LocalMessage = {
  seq?: number;
  sentAt?: string;
  order: { orderNo?: string } | null;
  change?: { seq: number } | null;
};

/** Whether a local message falls in the scope (the shared rule; pending messages never do). */
export function inScope(m: LocalMessage, scope: Scope): boolean {
  if (m.seq === undefined || m.sentAt === undefined) return false;
  return sharedInScope({ sentAt: m.sentAt, order: m.order }, scope);
}

/**
 * How many stored messages the scope covers, as the server will attest it: an order's scope also
 * takes the edits and retractions of its messages, which carry no order themselves (issue 11).
 */
export function countInScope(messages: readonly LocalMessage[], scope: Scope): number {
  const bySeq = new Map<number, LocalMessage>();
  for (const m of messages) if (m.seq !== undefined) bySeq.set(m.seq, m);
  return messages.filter((m) => {
    const subject = scope.kind === 'order' && m.change ? (bySeq.get(m.change.seq) ?? m) : m;
    return m.seq !== undefined && m.sentAt !== undefined && inScope(subject, scope);
  }).length;
}
