import { describe, expect, it } from 'vitest';
import { bundleFileName } from '../../../../shared/evidence/bundle';
import type { Scope } from '../../../../shared/evidence/format';
import { countInScope, inScope, scopeFromForm, zonedMidnight } from './scope';

const base = { kind: 'whole' as const, orderNo: '', fromDate: '', toDate: '' };

describe('export scope from the dialog', () => {
  it('whole conversation', () => {
    expect(scopeFromForm(base, 'UTC')).toEqual({ ok: true, scope: { kind: 'whole' } });
  });
  it('one order needs its number', () => {
    expect(scopeFromForm({ ...base, kind: 'order', orderNo: ' 8123 ' }, 'UTC')).toEqual({
      ok: true,
      scope: { kind: 'order', orderNo: '8123' },
    });
    expect(scopeFromForm({ ...base, kind: 'order' }, 'UTC')).toEqual({ ok: false, error: 'orderRequired' });
  });
  it('a date range covers whole days in the exporter’s time zone, the end exclusive', () => {
    expect(
      scopeFromForm(
        { ...base, kind: 'dateRange', fromDate: '2025-03-01', toDate: '2025-03-03' },
        'Europe/Warsaw',
      ),
    ).toEqual({
      ok: true,
      scope: { kind: 'dateRange', from: '2025-02-28T23:00:00.000Z', to: '2025-03-03T23:00:00.000Z' },
    });
    expect(
      scopeFromForm(
        { ...base, kind: 'dateRange', fromDate: '2025-03-01', toDate: '2025-03-01' },
        'Asia/Shanghai',
      ),
    ).toEqual({
      ok: true,
      scope: { kind: 'dateRange', from: '2025-02-28T16:00:00.000Z', to: '2025-03-01T16:00:00.000Z' },
    });
  });
  it('refuses missing or reversed dates', () => {
    expect(scopeFromForm({ ...base, kind: 'dateRange', fromDate: '2025-03-01' }, 'UTC')).toEqual({
      ok: false,
      error: 'datesRequired',
    });
    expect(
      scopeFromForm({ ...base, kind: 'dateRange', fromDate: '2025-03-05', toDate: '2025-03-01' }, 'UTC'),
    ).toEqual({
      ok: false,
      error: 'datesOrder',
    });
  });
  it('handles a day that starts in summer time', () => {
    // Warsaw moves to CEST on 2025-03-30 at 02:00; midnight is still CET (UTC+1).
    expect(new Date(zonedMidnight('2025-03-30', 'Europe/Warsaw')).toISOString()).toBe(
      '2025-03-29T23:00:00.000Z',
    );
    expect(new Date(zonedMidnight('2025-03-31', 'Europe/Warsaw')).toISOString()).toBe(
      '2025-03-30T22:00:00.000Z',
    );
  });
  it('selects stored messages only', () => {
    const scope = { kind: 'order' as const, orderNo: '8123' };
    expect(inScope({ seq: 1, sentAt: '2025-01-01T00:00:00.000Z', order: { orderNo: '8123' } }, scope)).toBe(
      true,
    );
    expect(inScope({ sentAt: undefined, order: { orderNo: '8123' } }, scope)).toBe(false);
    expect(inScope({ seq: 2, sentAt: '2025-01-01T00:00:00.000Z', order: { orderNo: '9' } }, scope)).toBe(
      false,
    );
  });
  it('names the file by the local days chosen, not by the UTC dates of their midnights', () => {
    const name = (fromDate: string, toDate: string, zone: string, exportedAt: string): string => {
      const r = scopeFromForm({ ...base, kind: 'dateRange', fromDate, toDate }, zone);
      if (!r.ok) throw new Error(r.error);
      return bundleFileName('li-seller', r.scope, exportedAt, zone);
    };
    // Warsaw's midnight of 1 May is 30 April in UTC; Shanghai's export at 01:30 local is still 31 May in UTC.
    expect(name('2025-05-01', '2025-05-31', 'Europe/Warsaw', '2025-06-02T09:00:00.000Z')).toBe(
      'li-seller-2025-05-01_to_2025-05-31-2025-06-02.tradewind-evidence.zip',
    );
    expect(name('2025-06-01', '2025-06-01', 'Asia/Shanghai', '2025-05-31T17:30:00.000Z')).toBe(
      'li-seller-2025-06-01_to_2025-06-01-2025-06-01.tradewind-evidence.zip',
    );
    // West of UTC the midnight is the same UTC date, the end is not: still the chosen days.
    expect(name('2025-03-01', '2025-03-03', 'America/Los_Angeles', '2025-03-04T06:59:00.000Z')).toBe(
      'li-seller-2025-03-01_to_2025-03-03-2025-03-03.tradewind-evidence.zip',
    );
  });
  it('names whole and order exports `all` and after the order', () => {
    const whole: Scope = { kind: 'whole' };
    expect(bundleFileName('li-seller', whole, '2025-05-31T23:30:00.000Z', 'Europe/Warsaw')).toBe(
      'li-seller-all-2025-06-01.tradewind-evidence.zip',
    );
    expect(bundleFileName('li-seller', { kind: 'order', orderNo: '8123' }, '2025-05-31T23:30:00.000Z')).toBe(
      'li-seller-8123-2025-05-31.tradewind-evidence.zip',
    );
  });
});

describe('the dialog’s in-scope count', () => {
  const at = (min: number) => `2025-01-01T00:0${min}:00.000Z`;
  const messages = [
    { seq: 1, sentAt: at(1), order: { orderNo: '8123' } },
    { seq: 2, sentAt: at(2), order: null },
    { seq: 3, sentAt: at(3), order: null, change: { kind: 'edit' as const, seq: 1 } },
    { seq: 4, sentAt: at(4), order: null, change: { kind: 'retract' as const, seq: 2 } },
    // Pending (not stored yet): never counted, as the server cannot attest it.
    { sentAt: undefined, order: null, change: { kind: 'retract' as const, seq: 1 } },
  ];
  it('an order counts its messages’ edits and retractions, which carry no order (issue 11)', () => {
    expect(countInScope(messages, { kind: 'order', orderNo: '8123' })).toBe(2);
    expect(countInScope(messages, { kind: 'order', orderNo: '9' })).toBe(0);
  });
  it('the whole conversation and a date range count every stored message by its own time', () => {
    expect(countInScope(messages, { kind: 'whole' })).toBe(4);
    expect(countInScope(messages, { kind: 'dateRange', from: at(3), to: at(5) })).toBe(2);
  });
});
