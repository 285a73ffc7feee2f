/**
 * Content type from the bytes themselves (magic numbers), never from a client's claim. Used by
 * the server when it stores an attachment and by the evidence report before it inlines a photo.
 */

/** The types Tradewind recognises; anything else is `application/octet-stream`. */
export const SNIFFED_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/zip',
  'text/plain; charset=utf-8',
  'application/octet-stream',
] as const;
export type SniffedType = (typeof SNIFFED_TYPES)[number];

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** Photos that may be shown inline (the report, the chat). */
export function isInlineImage(type: string): boolean {
  return type === 'image/png' || type === 'image/jpeg' || type === 'image/gif' || type === 'image/webp';
}

/** How many leading bytes {@link sniffType} examines (plain text is judged on this window). */
export const SNIFF_WINDOW = 64 * 1024;

/**
 * The first bytes of a file that {@link sniffType} needs, as a copy of their own: it sniffs the
 * same type as the whole file (one byte past the window keeps "cut by the window, not by the
 * file" for plain text), so a caller can let the file go and keep this.
 */
export function sniffHead(b: Uint8Array): Uint8Array {
  return b.slice(0, SNIFF_WINDOW + 1);
}

export function sniffType(b: Uint8Array): SniffedType {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61)
    return 'image/gif';
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  // Local file header, or the end-of-central-directory record of an empty archive.
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]))
    return 'application/zip';
  if (isPlainText(b)) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

/**
 * Plain text: valid UTF-8 (an optional BOM allowed) without NUL or other C0 controls except tab,
 * line feed, form feed and carriage return. Only the first 64 KiB are examined; a multi-byte
 * sequence cut at that boundary is accepted.
 */
function isPlainText(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  const n = Math.min(b.length, SNIFF_WINDOW);
  let i = startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) return false;
      if (c === 0x7f) return false;
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return false;
    for (let k = 1; k < len; k++) {
      if (i + k >= n) return b.length > n; // truncated by the window, not by the file
      const cc = b[i + k] as number;
      if ((cc & 0xc0) !== 0x80) return false;
    }
    i += len;
  }
  return true;
}
