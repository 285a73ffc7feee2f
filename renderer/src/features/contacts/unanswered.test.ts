import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../../shared/protocol';
import { unansweredQueue, waited, waitsOnMe, type QueueItem } from './unanswered';

const ME = 'seller';
const item = (
  memberId: string,
  lastSender: string | null,
  since: string | null,
  blocked = false,
): QueueItem => ({
  memberId,
  lastSender,
  lastRunSince: since,
  contact: { blocked },
});

describe('unanswered queue', () => {
  it('takes only conversations whose last message is from the other side', () => {
    expect(waitsOnMe(item('anna', 'anna', '2026-12-01T08:00:00Z'), ME)).toBe(true);
    expect(waitsOnMe(item('anna', ME, '2026-12-01T08:00:00Z'), ME)).toBe(false);
    expect(waitsOnMe(item('anna', null, null), ME)).toBe(false);
  });

  it('leaves out blocked people, keeps people who are not contacts', () => {
    expect(waitsOnMe(item('spam', 'spam', '2026-12-01T08:00:00Z', true), ME)).toBe(false);
    expect(waitsOnMe({ ...item('new', 'new', '2026-12-01T08:00:00Z'), contact: null }, ME)).toBe(true);
  });

  it('orders the longest waiting first, ties by member id', () => {
    const queue = unansweredQueue(
      [
        item('late', 'late', '2026-12-05T09:00:00Z'),
        item('answered', ME, '2026-11-01T09:00:00Z'),
        item('early', 'early', '2026-12-01T09:00:00+08:00'),
        item('b-tie', 'b-tie', '2026-12-03T00:00:00Z'),
        item('a-tie', 'a-tie', '2026-12-03T00:00:00Z'),
      ],
      ME,
    );
    expect(queue.map((i) => i.memberId)).toEqual(['early', 'a-tie', 'b-tie', 'late']);
  });
});

describe('waiting time', () => {
  // Monday to Friday 09:00–18:00 in Shanghai; Saturday and Sunday closed.
  const nineToSix = [{ start: 540, end: 1080 }];
  const hours: BusinessHours = [nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, [], []];

  it('counts the whole wait, and without published hours no working time', () => {
    const w = waited('2026-12-04T10:00:00Z', Date.parse('2026-12-04T13:30:00Z'));
    expect(w).toEqual({ totalMs: 3.5 * 3_600_000, workingMs: null });
  });

  it('counts only my business hours as working time (a buyer writing on Friday night waits over the weekend)', () => {
    // Friday 2026-12-04 20:00 Shanghai (12:00 UTC) → Monday 2026-12-07 10:30 Shanghai (02:30 UTC).
    const w = waited('2026-12-04T12:00:00Z', Date.parse('2026-12-07T02:30:00Z'), {
      hours,
      timeZone: 'Asia/Shanghai',
    });
    expect(w.totalMs).toBe(62.5 * 3_600_000);
    expect(w.workingMs).toBe(1.5 * 3_600_000);
  });

  it('never goes negative when the clock is behind the server', () => {
    expect(waited('2026-12-04T12:00:00Z', Date.parse('2026-12-04T11:59:00Z')).totalMs).toBe(0);
  });
});
