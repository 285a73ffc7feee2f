import { describe, expect, it, vi } from 'vitest';
import { BADGE_RED, BADGE_SIZE, BADGE_WHITE, badgeBitmap, badgeText, showBadge } from './badge';

/** The bitmap as rows of characters: '.' transparent, 'r' red, 'w' white. */
function picture(bitmap: Buffer): string[] {
  const rows: string[] = [];
  for (let y = 0; y < BADGE_SIZE; y++) {
    let row = '';
    for (let x = 0; x < BADGE_SIZE; x++) {
      const px = [...bitmap.subarray((y * BADGE_SIZE + x) * 4, (y * BADGE_SIZE + x) * 4 + 4)];
      if (px[3] === 0) row += '.';
      else if (px.join() === BADGE_RED.join()) row += 'r';
      else if (px.join() === BADGE_WHITE.join()) row += 'w';
      else row += '?';
    }
    rows.push(row);
  }
  return rows;
}

describe('badgeText', () => {
  it('fits the count in 16 pixels', () => {
    expect([0, 1, 9, 10, 12345].map(badgeText)).toEqual(['', '1', '9', '9+', '9+']);
  });
});

describe('badgeBitmap', () => {
  it('is nothing for zero', () => {
    expect(badgeBitmap(0)).toBeNull();
  });

  it('is a 16×16 BGRA red dot with transparent corners and the digit in white', () => {
    const bitmap = badgeBitmap(1)!;
    expect(bitmap.length).toBe(BADGE_SIZE * BADGE_SIZE * 4);
    const rows = picture(bitmap);
    expect(rows[0]![0]).toBe('.');
    expect(rows[15]![15]).toBe('.');
    expect(rows[0]).toMatch(/^\.+r+\.+$/);
    expect(rows.join('')).not.toContain('?');
    // "1" drawn 2× from its 3×5 glyph: the stem is white in the middle column pair.
    expect(rows.slice(3, 13).map((r) => r.slice(7, 9))).toEqual(Array(10).fill('ww'));
    expect(rows[12]!.slice(5, 11)).toBe('wwwwww'); // the foot
  });

  it('draws different pictures for different counts, and "9+" beyond nine', () => {
    const two = picture(badgeBitmap(2)!).join('\n');
    const three = picture(badgeBitmap(3)!).join('\n');
    expect(two).not.toBe(three);
    expect(picture(badgeBitmap(10)!).join('\n')).toBe(picture(badgeBitmap(500)!).join('\n'));
    const plus = picture(badgeBitmap(10)!);
    expect(plus[7]!.slice(8, 14)).toBe('wwwwww'); // the bar of the "+"
  });

  it('stores red in BGRA order (blue byte first)', () => {
    expect(BADGE_RED[2]).toBeGreaterThan(BADGE_RED[0]); // red channel > blue channel
  });
});

describe('showBadge', () => {
  it('Windows: an overlay icon with a description, cleared at zero; setBadgeCount untouched', () => {
    const deps = { platform: 'win32' as const, setBadgeCount: vi.fn(() => false), setOverlayIcon: vi.fn() };
    showBadge(deps, 3, '3 unread');
    expect(deps.setOverlayIcon).toHaveBeenCalledWith(badgeBitmap(3), '3 unread');
    showBadge(deps, 0, 'no unread');
    expect(deps.setOverlayIcon).toHaveBeenLastCalledWith(null, '');
    expect(deps.setBadgeCount).not.toHaveBeenCalled();
  });

  it.each(['darwin', 'linux'] as const)('%s: the app badge count', (platform) => {
    const deps = { platform, setBadgeCount: vi.fn(() => true), setOverlayIcon: vi.fn() };
    showBadge(deps, 4, '4 unread');
    showBadge(deps, 0, '');
    expect(deps.setBadgeCount.mock.calls).toEqual([[4], [0]]);
    expect(deps.setOverlayIcon).not.toHaveBeenCalled();
  });
});
