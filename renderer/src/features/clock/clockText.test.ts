import { describe, expect, it } from 'vitest';
import { contactTime } from '../../../../shared/domain/businessHours';
import { replyStats } from '../../../../shared/domain/replyStats';
import { waitingClock } from '../../../../shared/domain/waitingClock';
import { featureEn } from '../contacts/strings';
import { featurePl } from '../contacts/locales/pl';
import {
  formatDuration,
  headerClock,
  likelyReadPhrase,
  replyPhrase,
  waitingPhrase,
  type Translate,
} from './clockText';
import { zoneName, zoneNames } from '../../ui/format';

/** A `t` over one language's strings, interpolating {{x}} like i18next. */
const tOf =
  (strings: object): Translate =>
  (key, values = {}) => {
    let node: unknown = strings;
    for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
    if (typeof node !== 'string') throw new Error(`missing key ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
  };
const t = tOf(featureEn);

const weekdays9to18 = [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ start: 9 * 60, end: 18 * 60 }] : []));

describe('clock sentences', () => {
  it('says the header line for a Shanghai supplier outside hours', () => {
    // Tue 2026-03-10 19:12 UTC = Wed 03:12 in Shanghai; opens 09:00 → 5 h 48 min.
    const now = Date.parse('2026-03-10T19:12:00Z');
    const time = contactTime(
      { timeZone: 'Asia/Shanghai', businessHours: weekdays9to18 },
      'Europe/Warsaw',
      now,
    );
    expect(headerClock(time, t)).toBe(
      '03:12 China Standard Time, GMT+8, outside business hours — opens in 5 h 48 min',
    );
    expect(likelyReadPhrase(time, t)).toBe('Likely read around 09:00 their time (tomorrow 02:00 yours)');
    // Polish says "około 09:00", never "około jutro o 09:00" (issue 12).
    expect(likelyReadPhrase(time, tOf(featurePl))).toBe(
      'Prawdopodobnie przeczyta około 09:00 ich czasu (jutro 02:00 u ciebie)',
    );
  });

  it('says closes-in while open, and only the clock without hours', () => {
    const now = Date.parse('2026-03-10T08:00:00Z'); // 16:00 in Shanghai
    const open = contactTime(
      { timeZone: 'Asia/Shanghai', businessHours: weekdays9to18 },
      'Europe/Warsaw',
      now,
    );
    expect(headerClock(open, t)).toBe(
      '16:00 China Standard Time, GMT+8, within business hours — closes in 2 h',
    );
    expect(likelyReadPhrase(open, t)).toBeNull();
    const unknown = contactTime({ timeZone: 'America/Sao_Paulo' }, 'Europe/Warsaw', now);
    expect(headerClock(unknown, t)).toBe('05:00 Brasilia Standard Time, GMT-3');
    // No name in CLDR: the offset alone, once.
    const etc = contactTime({ timeZone: 'Etc/GMT-3' }, 'Europe/Warsaw', now);
    expect(headerClock(etc, t)).toBe('11:00 (GMT+3)');
    // The zone's name in the reader's language, never the IANA id or an English city (issue 12).
    const fa = zoneNames('Asia/Shanghai', now, 'fa');
    expect(fa.name).toMatch(/چین/);
    expect(fa.offset).not.toMatch(/GMT|[0-9]/);
    expect(zoneName('Europe/Bucharest', now, 'ro')).toMatch(/Europei de Est/);
    expect(zoneName('Etc/GMT-3', now, 'ro')).toBe('GMT+3');
  });

  it('formats durations', () => {
    expect(formatDuration(30_000, t)).toBe('1 min');
    expect(formatDuration(2 * 3_600_000, t)).toBe('2 h');
    // Days only from 48 h on: 24 h 32 min is not "1 d" (issue 12).
    expect(formatDuration(24 * 3_600_000 + 32 * 60_000, t)).toBe('24 h 32 min');
    expect(formatDuration(26 * 3_600_000 + 60_000, t)).toBe('26 h 1 min');
    expect(formatDuration(50 * 3_600_000, t)).toBe('2 d 2 h');
  });

  it('says reply statistics only with enough samples', () => {
    const h = (iso: string, sender: string) => ({ sender, sentAt: iso });
    const history = [
      h('2026-03-02T02:00:00Z', 'me'),
      h('2026-03-02T04:00:00Z', 'li'),
      h('2026-03-03T02:00:00Z', 'me'),
      h('2026-03-03T03:30:00Z', 'li'),
    ];
    const contact = { memberId: 'li', timeZone: 'Asia/Shanghai' };
    expect(replyPhrase(replyStats(history, 'me', contact), t)).toBeNull();
    const more = [...history, h('2026-03-04T02:00:00Z', 'me'), h('2026-03-04T03:50:00Z', 'li')];
    expect(replyPhrase(replyStats(more, 'me', contact), t)).toBe('usually replies within ~2 h');
  });

  it('says the waiting clock', () => {
    const since = Date.parse('2026-03-01T00:00:00Z');
    const history = [{ sender: 'me', sentAt: since }];
    expect(
      waitingPhrase(waitingClock(history, 'me', { preset: 'aliexpress-48h' }, since + 31 * 3_600_000), t),
    ).toBe('waiting 31 h of 48 h');
    expect(
      waitingPhrase(waitingClock(history, 'me', { preset: 'aliexpress-48h' }, since + 45 * 3_600_000), t),
    ).toBe('waiting 45 h of 48 h — deadline near');
    expect(
      waitingPhrase(waitingClock(history, 'me', { preset: 'custom', hours: 4 }, since + 5 * 3_600_000), t),
    ).toBe('waited 5 h — the 4 h deadline has passed');
    expect(
      waitingPhrase(
        waitingClock([{ sender: 'li', sentAt: since }], 'me', { preset: 'aliexpress-48h' }, since),
        t,
      ),
    ).toBeNull();
  });
});
