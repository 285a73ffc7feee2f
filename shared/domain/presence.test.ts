import { describe, expect, it } from 'vitest';
import { mergePresence, visibleState, wentOffline } from './presence';

describe('mergePresence', () => {
  it('is offline with no devices', () => {
    expect(mergePresence([])).toBe('offline');
  });

  it('shows a single device as it is, invisible as offline', () => {
    expect(mergePresence(['online'])).toBe('online');
    expect(mergePresence(['away'])).toBe('away');
    expect(mergePresence(['busy'])).toBe('busy');
    expect(mergePresence(['invisible'])).toBe('offline');
  });

  it('lets the most available device win', () => {
    expect(mergePresence(['away', 'online'])).toBe('online');
    expect(mergePresence(['busy', 'away'])).toBe('away');
    expect(mergePresence(['invisible', 'busy'])).toBe('busy');
    expect(mergePresence(['invisible', 'invisible'])).toBe('offline');
  });

  it('does not depend on device order', () => {
    const devices = ['busy', 'online', 'away', 'invisible'] as const;
    expect(mergePresence(devices)).toBe(mergePresence([...devices].reverse()));
  });

  it('accepts any iterable (e.g. a Map of socket settings)', () => {
    expect(
      mergePresence(
        new Map([
          ['s1', 'away' as const],
          ['s2', 'busy' as const],
        ]).values(),
      ),
    ).toBe('away');
  });
});

describe('visibleState / wentOffline', () => {
  it('maps settings to what contacts see', () => {
    expect(visibleState('invisible')).toBe('offline');
    expect(visibleState('busy')).toBe('busy');
  });
  it('detects the moment a user goes out of sight', () => {
    expect(wentOffline('online', 'offline')).toBe(true);
    expect(wentOffline('busy', 'offline')).toBe(true);
    expect(wentOffline('offline', 'offline')).toBe(false);
    expect(wentOffline('online', 'away')).toBe(false);
  });
});
