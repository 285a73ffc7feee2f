import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../protocol/schemas';
import { awayReplyDecision, backAt, backAtForReader, isPresent } from './awayReply';

const WEEKDAYS: BusinessHours = [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ start: 540, end: 1080 }] : []));
const SH = 'Asia/Shanghai';
const t = Date.parse;

describe('away auto-reply decision', () => {
  const base = {
    presence: 'offline' as const,
    presenceChangedAt: t('2026-03-27T10:00:00Z'),
    lastReplyAt: null,
    businessHours: WEEKDAYS,
    timeZone: SH,
    now: t('2026-03-27T12:00:00Z'), // Fri 20:00 Shanghai
  };

  it('online and busy are present; away and offline are not', () => {
    expect(['online', 'busy', 'away', 'offline'].map((s) => isPresent(s as 'online'))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(awayReplyDecision({ ...base, presence: 'online' })).toEqual({ send: false, reason: 'present' });
    expect(awayReplyDecision({ ...base, presence: 'busy' })).toEqual({ send: false, reason: 'present' });
  });

  it('answers once per away period: again only after the seller was present', () => {
    expect(awayReplyDecision(base)).toEqual({ send: true, backAt: t('2026-03-30T01:00:00Z') });
    const replied = { ...base, lastReplyAt: t('2026-03-27T12:00:00Z'), now: t('2026-03-28T12:00:00Z') };
    expect(awayReplyDecision(replied)).toEqual({ send: false, reason: 'already_replied' });
    expect(awayReplyDecision({ ...replied, presenceChangedAt: null })).toEqual({
      send: false,
      reason: 'already_replied',
    });
    // Present in between: their presence went away again after the reply.
    expect(awayReplyDecision({ ...replied, presenceChangedAt: t('2026-03-28T11:00:00Z') })).toMatchObject({
      send: true,
    });
  });

  it('back at: the next opening outside the hours, nothing inside them or without hours', () => {
    expect(backAt(WEEKDAYS, SH, t('2026-03-31T02:00:00Z'))).toBeNull(); // Tue 10:00, open
    expect(backAt(undefined, SH, t('2026-03-31T14:00:00Z'))).toBeNull();
    expect(backAt(WEEKDAYS, SH, t('2026-03-31T14:00:00Z'))).toBe(t('2026-04-01T01:00:00Z'));
    expect(backAt([[], [], [], [], [], [], []], SH, t('2026-03-31T14:00:00Z'))).toBeNull();
  });

  it('renders the return on the reader’s clock across the European switches', () => {
    // Monday 09:00 in Shanghai: 03:00 in Warsaw after the spring switch, 02:00 after the autumn one.
    expect(backAtForReader('2026-03-30T01:00:00.000Z', 'Europe/Warsaw', t('2026-03-27T12:00:00Z'))).toEqual({
      time: '03:00',
      dayOffset: 3,
      weekday: 0,
    });
    expect(backAtForReader('2026-10-26T01:00:00.000Z', 'Europe/Warsaw', t('2026-10-23T12:00:00Z'))).toEqual({
      time: '02:00',
      dayOffset: 3,
      weekday: 0,
    });
    // A day boundary in the reader's zone: 01:00 UTC Wednesday is Tuesday 21:00 in New York.
    expect(
      backAtForReader('2026-04-01T01:00:00.000Z', 'America/New_York', t('2026-03-31T14:00:00Z')),
    ).toEqual({
      time: '21:00',
      dayOffset: 0,
      weekday: 1,
    });
  });
});
