import { describe, expect, it } from 'vitest';
import { presenceDetail, presenceLine } from './presenceText';
import { presenceKnown, shownPresence } from './shown';

const busy = { memberId: 'li', state: 'busy' as const, lastSeen: null };
const gone = { memberId: 'li', state: 'offline' as const, lastSeen: '2026-03-10T12:00:00.000Z' };
const lost = Date.parse('2026-03-10T14:02:00Z');
const t = (key: string, v: Record<string, string | number> = {}): string =>
  `${key}${Object.keys(v).length ? JSON.stringify(v) : ''}`;

describe('shownPresence', () => {
  it('shows the stored state while connected, and while the first connection is made', () => {
    expect(shownPresence(busy, 'online', null)).toEqual({ state: 'busy', lastSeen: null });
    expect(shownPresence(busy, 'connecting', null)).toEqual({ state: 'busy', lastSeen: null });
    expect(shownPresence(undefined, 'online', null)).toEqual({ state: 'offline', lastSeen: null });
  });

  it('says "unknown since" when I lost the connection, not the stale "busy" (issue 12)', () => {
    const shown = shownPresence(busy, 'offline', lost);
    expect(shown).toEqual({ state: 'unknown', since: '2026-03-10T14:02:00.000Z' });
    expect(shownPresence(gone, 'connecting', lost)).toEqual(shown);
    // Started without a network: unknown, since no time this session knew it.
    expect(shownPresence(busy, 'offline', null)).toEqual({ state: 'unknown', since: null });
  });

  it('words it for the dot and the status line', () => {
    const now = new Date(lost + 60_000);
    const unknown = shownPresence(busy, 'offline', lost);
    expect(presenceLine(unknown, t, now)).toMatch(/^presence\.unknownSince\{"time":".*02.*"\}$/);
    expect(presenceDetail(unknown, t, now)).toMatch(/^presence\.since/);
    expect(presenceLine({ state: 'unknown', since: null }, t, now)).toBe('presence.unknown');
    expect(presenceLine(shownPresence(busy, 'online', null), t, now)).toBe('presence.busy');
    expect(presenceDetail(shownPresence(busy, 'online', null), t, now)).toBeUndefined();
    expect(presenceLine(shownPresence(gone, 'online', null), t, now)).toMatch(/^presence\.lastSeen/);
  });

  it('tells a group count whether others are known: not while I am offline (issue 12)', () => {
    expect(presenceKnown('online', null)).toBe(true);
    expect(presenceKnown('connecting', null)).toBe(true);
    expect(presenceKnown('offline', lost)).toBe(false);
    expect(presenceKnown('connecting', lost)).toBe(false);
  });
});
