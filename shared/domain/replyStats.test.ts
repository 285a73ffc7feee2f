import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../protocol/schemas';
import {
  formatReplyPhrase,
  median,
  replyBucket,
  replySamples,
  replyStats,
  type HistoryEntry,
} from './replyStats';

const H = 3_600_000;
const MIN = 60_000;
const utc = (iso: string): number => Date.parse(iso);
const hm = (h: number, m = 0): number => h * 60 + m;

const office: BusinessHours = [
  [{ start: hm(9), end: hm(18) }],
  [{ start: hm(9), end: hm(18) }],
  [{ start: hm(9), end: hm(18) }],
  [{ start: hm(9), end: hm(18) }],
  [{ start: hm(9), end: hm(18) }],
  [],
  [],
];
const supplier = { memberId: 'liwei', timeZone: 'Asia/Shanghai', businessHours: office };
const me = 'anna';

/** An exchange: I ask at `askIso`, they answer `afterMs` later. */
function exchange(askIso: string, afterMs: number): HistoryEntry[] {
  const t = utc(askIso);
  return [
    { sender: me, sentAt: new Date(t).toISOString() },
    { sender: 'liwei', sentAt: new Date(t + afterMs).toISOString() },
  ];
}

describe('replySamples', () => {
  it('measures from my first unanswered message, not from a follow-up', () => {
    const history: HistoryEntry[] = [
      { sender: me, sentAt: '2025-01-15T02:00:00Z' }, // Wed 10:00 in Shanghai
      { sender: me, sentAt: '2025-01-15T04:00:00Z' }, // "hello?"
      { sender: 'liwei', sentAt: '2025-01-15T05:00:00Z' }, // 13:00 → 3 h after the question
    ];
    expect(replySamples(history, me, supplier)).toEqual([3 * H]);
  });

  it('an automatic reply is no answer: the sample runs to their real reply', () => {
    const history: HistoryEntry[] = [
      { sender: me, sentAt: '2025-01-15T02:00:00Z' },
      { sender: 'liwei', sentAt: '2025-01-15T02:00:01Z', automatic: { kind: 'away', backAt: null } },
      { sender: 'liwei', sentAt: '2025-01-15T05:00:00Z' },
    ];
    expect(replySamples(history, me, supplier)).toEqual([3 * H]);
  });

  it('counts only their business hours: Friday evening → Monday 09:40 is 40 minutes', () => {
    // Fri 2025-01-17 20:00 in Shanghai = 12:00Z; Mon 09:40 = 01:40Z.
    const history = exchange(
      '2025-01-17T12:00:00Z',
      utc('2025-01-20T01:40:00Z') - utc('2025-01-17T12:00:00Z'),
    );
    expect(replySamples(history, me, supplier)).toEqual([40 * MIN]);
  });

  it('uses elapsed time when the contact publishes no hours (or only closed days)', () => {
    const history = exchange('2025-01-17T12:00:00Z', 61 * H);
    expect(replySamples(history, me, { memberId: 'liwei', timeZone: 'Asia/Shanghai' })).toEqual([61 * H]);
    const closed: BusinessHours = [[], [], [], [], [], [], []];
    expect(replySamples(history, me, { ...supplier, businessHours: closed })).toEqual([61 * H]);
  });

  it('ignores their messages that answer nothing, other senders, bad times, and sorts by time', () => {
    const history: HistoryEntry[] = [
      { sender: 'liwei', sentAt: '2025-01-15T01:00:00Z' }, // they start the conversation
      { sender: 'liwei', sentAt: 'not a time' },
      { sender: 'liwei', sentAt: '2025-01-15T03:30:00Z' }, // (given out of order)
      { sender: me, sentAt: '2025-01-15T03:00:00Z' },
      { sender: 'someone', sentAt: '2025-01-15T03:10:00Z' },
      { sender: 'liwei', sentAt: '2025-01-15T03:40:00Z' }, // a second message of theirs: no sample
    ];
    expect(replySamples(history, me, supplier)).toEqual([30 * MIN]);
  });

  it('accepts epoch milliseconds too', () => {
    const t = utc('2025-01-15T03:00:00Z');
    expect(
      replySamples(
        [
          { sender: me, sentAt: t },
          { sender: 'liwei', sentAt: t + 20 * MIN },
        ],
        me,
        supplier,
      ),
    ).toEqual([20 * MIN]);
  });
});

describe('replyStats', () => {
  it('shows nothing below the minimum sample count', () => {
    const history = [...exchange('2025-01-13T02:00:00Z', H), ...exchange('2025-01-14T02:00:00Z', H)];
    expect(replyStats(history, me, supplier)).toEqual({ kind: 'insufficient', samples: 2, needed: 3 });
    expect(replyStats([], me, supplier)).toEqual({ kind: 'insufficient', samples: 0, needed: 3 });
  });

  it('"usually replies within ~2 h": the median of business-time samples', () => {
    const history = [
      ...exchange('2025-01-13T02:00:00Z', 90 * MIN), // Mon 10:00 → 11:30
      ...exchange('2025-01-14T02:00:00Z', 100 * MIN),
      ...exchange('2025-01-15T02:00:00Z', 20 * H), // overnight: 20 h elapsed, 11 business hours
      ...exchange('2025-01-16T02:00:00Z', 30 * MIN),
      ...exchange('2025-01-17T12:00:00Z', 61 * H + 40 * MIN), // weekend: 40 business minutes
    ];
    const s = replyStats(history, me, supplier);
    expect(s).toEqual({
      kind: 'ok',
      samples: 5,
      medianMs: 90 * MIN,
      basis: 'business',
      phrase: { key: 'replyStats.withinHours', value: 2 },
    });
    if (s.kind === 'ok') expect(formatReplyPhrase(s.phrase)).toBe('usually replies within ~2 h');
  });

  it('only the most recent samples count', () => {
    const slowPast = [0, 1, 2, 3].flatMap((d) => exchange(`2025-01-0${6 + d}T02:00:00Z`, 8 * H));
    const fastNow = [0, 1, 2].flatMap((d) => exchange(`2025-01-1${3 + d}T02:00:00Z`, 10 * MIN));
    const s = replyStats([...slowPast, ...fastNow], me, supplier, { maxSamples: 3 });
    expect(s).toMatchObject({
      kind: 'ok',
      samples: 3,
      phrase: { key: 'replyStats.withinMinutes', value: 15 },
    });
    expect(replyStats([...slowPast, ...fastNow], me, supplier)).toMatchObject({
      samples: 7,
      phrase: { key: 'replyStats.withinHours', value: 8 },
    });
  });

  it('honours a custom minimum', () => {
    const history = exchange('2025-01-13T02:00:00Z', H);
    expect(replyStats(history, me, supplier, { minSamples: 1 })).toMatchObject({ kind: 'ok', samples: 1 });
  });
});

describe('buckets and phrases', () => {
  it.each([
    [0, 'replyStats.withinMinutes', 5],
    [5 * MIN, 'replyStats.withinMinutes', 5],
    [5 * MIN + 1, 'replyStats.withinMinutes', 15],
    [29 * MIN, 'replyStats.withinMinutes', 30],
    [45 * MIN, 'replyStats.withinHours', 1],
    [3 * H, 'replyStats.withinHours', 4],
    [7 * H, 'replyStats.withinHours', 8],
    [20 * H, 'replyStats.withinDays', 1],
    [50 * H, 'replyStats.withinDays', 3],
    [6 * 24 * H, 'replyStats.withinDays', 7],
    [8 * 24 * H, 'replyStats.overWeek', 7],
  ])('%i ms → %s %i', (ms, key, value) => {
    expect(replyBucket(ms)).toEqual({ key, value });
  });

  it('English fallbacks', () => {
    expect(formatReplyPhrase({ key: 'replyStats.withinMinutes', value: 15 })).toBe(
      'usually replies within ~15 min',
    );
    expect(formatReplyPhrase({ key: 'replyStats.withinDays', value: 1 })).toBe(
      'usually replies within ~1 day',
    );
    expect(formatReplyPhrase({ key: 'replyStats.withinDays', value: 3 })).toBe(
      'usually replies within ~3 days',
    );
    expect(formatReplyPhrase({ key: 'replyStats.overWeek', value: 7 })).toBe(
      'usually takes more than a week to reply',
    );
  });

  it('median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
