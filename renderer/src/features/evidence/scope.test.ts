import { describe, expect, it } from 'vitest';
import { inScope, scopeFromForm, zonedMidnight } from './scope';

const base = { kind: 'whole' as const, orderNo: '', fromDate: '', toDate: '' };

describe('export scope from the dialog', () => {
  it('whole conversation', () => {
    expect(scopeFromForm(base, 'UTC')).toEqual({ ok: true, scope: { kind: 'whole' } });
  });
  it('one order needs its number', () => {
    expect(scopeFromForm({ ...base, kind: 'order', orderNo: ' 8123 ' }, 'UTC')).toEqual({ ok: true, scope: { kind: 'order', orderNo: '8123' } });
    expect(scopeFromForm({ ...base, kind: 'order' }, 'UTC')).toEqual({ ok: false, error: 'orderRequired' });
  });
  it('a date range covers whole days in the exporter’s time zone, the end exclusive', () => {
    expect(scopeFromForm({ ...base, kind: 'dateRange', fromDate: '2025-03-01', toDate: '2025-03-03' }, 'Europe/Warsaw')).toEqual({
      ok: true,
      scope: { kind: 'dateRange', from: '2025-02-28T23:00:00.000Z', to: '2025-03-03T23:00:00.000Z' },
    });
    expect(scopeFromForm({ ...base, kind: 'dateRange', fromDate: '2025-03-01', toDate: '2025-03-01' }, 'Asia/Shanghai')).toEqual({
      ok: true,
      scope: { kind: 'dateRange', from: '2025-02-28T16:00:00.000Z', to: '2025-03-01T16:00:00.000Z' },
    });
  });
  it('refuses missing or reversed dates', () => {
    expect(scopeFromForm({ ...base, kind: 'dateRange', fromDate: '2025-03-01' }, 'UTC')).toEqual({ ok: false, error: 'datesRequired' });
    expect(scopeFromForm({ ...base, kind: 'dateRange', fromDate: '2025-03-05', toDate: '2025-03-01' }, 'UTC')).toEqual({
      ok: false,
      error: 'datesOrder',
    });
  });
  it('handles a day that starts in summer time', () => {
    // Warsaw moves to CEST on 2025-03-30 at 02:00; midnight is still CET (UTC+1).
    expect(new Date(zonedMidnight('2025-03-30', 'Europe/Warsaw')).toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(new Date(zonedMidnight('2025-03-31', 'Europe/Warsaw')).toISOString()).toBe('2025-03-30T22:00:00.000Z');
  });
  it('selects stored messages only', () => {
    const scope = { kind: 'order' as const, orderNo: '8123' };
    expect(inScope({ seq: 1, sentAt: '2025-01-01T00:00:00.000Z', order: { orderNo: '8123' } }, scope)).toBe(true);
    expect(inScope({ sentAt: undefined, order: { orderNo: '8123' } }, scope)).toBe(false);
    expect(inScope({ seq: 2, sentAt: '2025-01-01T00:00:00.000Z', order: { orderNo: '9' } }, scope)).toBe(false);
  });
});
