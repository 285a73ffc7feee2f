/** Country flags as emoji, and whether this machine draws them (ui/Flag.tsx). */

/** 🇨🇳 from "CN" (the two regional indicator letters); '' for anything but two capitals. */
export function flagEmoji(code: string): string {
  return /^[A-Z]{2}$/.test(code)
    ? String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65))
    : '';
}

/** Measures text in the window's emoji-capable font stack; null where there is no canvas. */
export type Measure = ((text: string) => number) | null;

function canvasMeasure(): Measure {
  if (typeof document === 'undefined') return null;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return null;
  ctx.font = '32px system-ui, sans-serif, "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"';
  return (text) => ctx.measureText(text).width;
}

/**
 * Whether a font joins a pair of regional indicators into one flag: a drawn flag is one glyph, about
 * as wide as one letter of the pair alone; unjoined (boxes, loose letters) the pair is as wide as
 * its two letters. Measured once, from widths (no pixels read).
 */
export function joinsFlags(measure: Measure): boolean {
  if (!measure) return false;
  const pair = measure(flagEmoji('CN'));
  const letters = measure(String.fromCodePoint(0x1f1e8)) + measure(String.fromCodePoint(0x1f1f3));
  return pair > 0 && pair < letters * 0.75;
}

let drawn: boolean | undefined;
/** `joinsFlags` for this window, measured on first use. */
export function flagsDrawn(): boolean {
  drawn ??= joinsFlags(canvasMeasure());
  return drawn;
}
