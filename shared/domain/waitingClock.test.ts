import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from './replyStats';
import {
  DEADLINE_PRESETS,
  deadlineHours,
  dueNotification,
  nearWindowMs,
  notificationKey,
  unansweredRun,
  waitingClock,
} from './waitingClock';

const H = 3_600_000;
const utc = (iso: string): number => Date.parse(iso);
const me = 'anna';
const asked = utc('2025-01-13T08:00:00Z');

const history: HistoryEntry[] = [
  { sender: 'liwei', sentAt: '2025-01-13T07:00:00Z' },
  { sender: me, sentAt: new Date(asked).toISOString() },
  { sender: me, sentAt: new Date(asked + 20 * H).toISOString() }, // a nudge does not restart it
];

describe('unansweredRun', () => {
  it('starts at my first unanswered message and counts the run', () => {
    expect(unansweredRun(history, me)).toEqual({ since: asked, lastSentAt: asked + 20 * H, count: 2 });
  });

  it('an automatic reply (away auto-reply) does not stop the clock', () => {
    const away = { sender: 'liwei', sentAt: asked + 1, automatic: { kind: 'away', backAt: null } };
    expect(unansweredRun([...history, away], me)).toEqual({
      since: asked,
      lastSentAt: asked + 20 * H,
      count: 2,
    });
  });

  it('is null when the partner wrote last or nobody wrote', () => {
    expect(unansweredRun([...history, { sender: 'liwei', sentAt: asked + 21 * H }], me)).toBeNull();
    expect(unansweredRun([], me)).toBeNull();
  });

  it('a new question after an answer starts a new run', () => {
    const h: HistoryEntry[] = [
      ...history,
      { sender: 'liwei', sentAt: asked + 21 * H },
      { sender: me, sentAt: asked + 30 * H },
    ];
    expect(unansweredRun(h, me)).toEqual({ since: asked + 30 * H, lastSentAt: asked + 30 * H, count: 1 });
  });
});

describe('waitingClock with the AliExpress 48 h rule', () => {
  const deadline = { preset: 'aliexpress-48h' } as const;

  it('ok early on: 31 h of 48 h, next notification when it turns near', () => {
    const c = waitingClock(history, me, deadline, asked + 31 * H);
    expect(c).toMatchObject({
      state: 'ok',
      since: asked,
      unanswered: 2,
      waitedMs: 31 * H,
      totalMs: 48 * H,
      leftMs: 17 * H,
      deadlineAt: asked + 48 * H,
      nearAt: asked + 48 * H - 9.6 * H,
      nextNotification: 'near',
      nextNotificationAt: asked + 48 * H - 9.6 * H,
      actions: [],
    });
    if (c.state !== 'idle') expect(c.progress).toBeCloseTo(31 / 48);
  });

  it('near in the last 20 %: suggest a reminder; next notification at the deadline', () => {
    const c = waitingClock(history, me, deadline, asked + 40 * H);
    expect(c).toMatchObject({
      state: 'near',
      leftMs: 8 * H,
      nextNotification: 'passed',
      nextNotificationAt: asked + 48 * H,
      actions: ['remind'],
    });
  });

  it('passed at exactly 48 h: open a dispute, export evidence; nothing further to notify', () => {
    const c = waitingClock(history, me, deadline, asked + 48 * H);
    expect(c).toMatchObject({
      state: 'passed',
      leftMs: 0,
      nextNotification: null,
      nextNotificationAt: null,
      actions: ['openDispute', 'exportEvidence', 'remind'],
    });
    expect(waitingClock(history, me, deadline, asked + 50 * H)).toMatchObject({
      state: 'passed',
      leftMs: -2 * H,
    });
  });

  it('idle once the seller answers', () => {
    const answered = [...history, { sender: 'liwei', sentAt: asked + 47 * H }];
    expect(waitingClock(answered, me, deadline, asked + 60 * H)).toEqual({ state: 'idle' });
  });
});

describe('waitingClock with Trade Assurance (3 days, escalate on day 4)', () => {
  const deadline = { preset: 'trade-assurance-3d' } as const;

  it('passes at the start of day 4 and suggests escalating first', () => {
    expect(waitingClock(history, me, deadline, asked + 72 * H - 1).state).toBe('near');
    const c = waitingClock(history, me, deadline, asked + 72 * H);
    expect(c).toMatchObject({ state: 'passed', actions: ['escalate', 'exportEvidence', 'openDispute'] });
  });

  it('turns near 14.4 h before (20 % of 72 h)', () => {
    expect(waitingClock(history, me, deadline, asked + 57.5 * H).state).toBe('ok');
    expect(waitingClock(history, me, deadline, asked + 57.6 * H).state).toBe('near');
  });
});

describe('custom deadlines', () => {
  it('a 12 h deadline warns 6 h ahead (at least 6 h)', () => {
    const c = waitingClock(history, me, { preset: 'custom', hours: 12 }, asked + 6 * H);
    expect(c).toMatchObject({ state: 'near', nearAt: asked + 6 * H });
  });

  it('a 4 h deadline warns 2 h ahead (never more than half)', () => {
    expect(waitingClock(history, me, { preset: 'custom', hours: 4 }, asked + H).state).toBe('ok');
    expect(waitingClock(history, me, { preset: 'custom', hours: 4 }, asked + 2 * H).state).toBe('near');
    expect(waitingClock(history, me, { preset: 'custom', hours: 4 }, asked + 4 * H)).toMatchObject({
      state: 'passed',
      actions: ['remind', 'escalate', 'exportEvidence'],
    });
  });

  it('clamps custom hours to 1 h … 90 days', () => {
    expect(deadlineHours({ preset: 'custom', hours: 0 })).toBe(1);
    expect(deadlineHours({ preset: 'custom', hours: Number.NaN })).toBe(1);
    expect(deadlineHours({ preset: 'custom', hours: 10_000 })).toBe(90 * 24);
    expect(deadlineHours({ preset: 'aliexpress-48h' })).toBe(48);
    expect(DEADLINE_PRESETS['trade-assurance-3d'].label).toContain('escalate on day 4');
  });

  it('near window rules', () => {
    expect(nearWindowMs(48 * H)).toBeCloseTo(9.6 * H);
    expect(nearWindowMs(12 * H)).toBe(6 * H);
    expect(nearWindowMs(4 * H)).toBe(2 * H);
  });
});

describe('notifications', () => {
  const deadline = { preset: 'aliexpress-48h' } as const;

  it('near once, then passed once', () => {
    const near = waitingClock(history, me, deadline, asked + 40 * H);
    expect(dueNotification(near, new Set())).toBe('near');
    expect(dueNotification(near, new Set(['near']))).toBeNull();
    const passed = waitingClock(history, me, deadline, asked + 49 * H);
    expect(dueNotification(passed, new Set(['near']))).toBe('passed');
    expect(dueNotification(passed, new Set(['near', 'passed']))).toBeNull();
  });

  it('after the app was closed through both, only "passed" is due', () => {
    expect(dueNotification(waitingClock(history, me, deadline, asked + 60 * H), new Set())).toBe('passed');
  });

  it('nothing is due while ok or idle', () => {
    expect(dueNotification(waitingClock(history, me, deadline, asked + H), new Set())).toBeNull();
    expect(dueNotification({ state: 'idle' }, new Set())).toBeNull();
  });

  it('keys are per waiting period', () => {
    const c = waitingClock(history, me, deadline, asked + 40 * H);
    expect(notificationKey('dm:anna:liwei', c, 'near')).toBe(`dm:anna:liwei:${asked}:near`);
    expect(notificationKey('dm:anna:liwei', { state: 'idle' }, 'near')).toBeNull();
  });
});
