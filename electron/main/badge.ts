/**
 * The unread badge on every OS:
 *   - macOS: the Dock badge (`app.setBadgeCount`);
 *   - Linux: the launcher badge through the LauncherEntry D-Bus API (`app.setBadgeCount`, tied to
 *     the `.desktop` file named by `desktopName`; docks without the API show nothing);
 *   - Windows, where `setBadgeCount` does nothing: an overlay icon on the taskbar button
 *     (`win.setOverlayIcon`), a 16×16 red dot with the count, drawn here into a raw BGRA bitmap
 *     (`nativeImage.createFromBitmap`) — no image file, no native dependency.
 */

/** 16 × 16: the size Windows draws taskbar overlays at. */
export const BADGE_SIZE = 16;

/** 3 × 5 pixel glyphs, one string per row. */
const GLYPHS: Record<string, string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};
const SCALE = 2;
const GLYPH_W = 3 * SCALE;
const GLYPH_H = 5 * SCALE;
const GAP = 1;

/** BGRA, the byte order `nativeImage.createFromBitmap` takes. */
export const BADGE_RED = [0x2f, 0x2f, 0xd3, 0xff] as const;
export const BADGE_WHITE = [0xff, 0xff, 0xff, 0xff] as const;

/** What fits in 16 pixels: the count up to 9, then "9+". Empty for none. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 9 ? '9+' : String(count);
}

/** The overlay bitmap for `count` (BGRA, row by row), or null when there is nothing to show. */
export function badgeBitmap(count: number): Buffer | null {
  const text = badgeText(count);
  if (text === '') return null;
  const px = Buffer.alloc(BADGE_SIZE * BADGE_SIZE * 4); // transparent
  const put = (x: number, y: number, color: readonly number[]): void => {
    px.set(color, (y * BADGE_SIZE + x) * 4);
  };
  const c = (BADGE_SIZE - 1) / 2;
  for (let y = 0; y < BADGE_SIZE; y++) {
    for (let x = 0; x < BADGE_SIZE; x++) {
      if ((x - c) ** 2 + (y - c) ** 2 <= (c + 0.3) ** 2) put(x, y, BADGE_RED);
    }
  }
  const width = text.length * GLYPH_W + (text.length - 1) * GAP;
  let left = Math.floor((BADGE_SIZE - width) / 2);
  const top = Math.floor((BADGE_SIZE - GLYPH_H) / 2);
  for (const ch of text) {
    GLYPHS[ch]!.forEach((row, gy) => {
      [...row].forEach((bit, gx) => {
        if (bit !== '1') return;
        for (let dy = 0; dy < SCALE; dy++)
          for (let dx = 0; dx < SCALE; dx++) put(left + gx * SCALE + dx, top + gy * SCALE + dy, BADGE_WHITE);
      });
    });
    left += GLYPH_W + GAP;
  }
  return px;
}

export interface BadgeDeps {
  platform: NodeJS.Platform;
  /** `app.setBadgeCount` (macOS Dock, Linux LauncherEntry). */
  setBadgeCount: (count: number) => boolean;
  /** Windows: sets (or, with null, clears) the main window's taskbar overlay. */
  setOverlayIcon: (bitmap: Buffer | null, description: string) => void;
}

/** Shows `count` on this OS's badge; `description` is the overlay's accessible text on Windows. */
export function showBadge(deps: BadgeDeps, count: number, description: string): void {
  if (deps.platform === 'win32') deps.setOverlayIcon(badgeBitmap(count), count > 0 ? description : '');
  else deps.setBadgeCount(count);
}
