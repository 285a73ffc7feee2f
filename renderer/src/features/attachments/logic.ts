/**
 * Pure rules for attachments in the composer: which files may be attached (documented limits,
 * docs/protocol.md § Limits), how a file's type is decided (from its bytes), how sizes read.
 */
import { LIMITS } from '../../../../shared/protocol';
import { isInlineImage, sniffType } from '../../../../shared/evidence/sniff';

export { isInlineImage, sniffType };

export type RejectReason = 'tooLarge' | 'empty' | 'tooMany';

export interface FileLike {
  name: string;
  size: number;
}

/**
 * Splits files into those that fit and those that do not: empty, larger than
 * `LIMITS.attachmentBytes`, or beyond `LIMITS.attachmentsPerMessage` counting what is already
 * attached.
 */
export function checkFiles<F extends FileLike>(
  files: readonly F[],
  alreadyAttached: number,
  limits: { bytes: number; perMessage: number } = {
    bytes: LIMITS.attachmentBytes,
    perMessage: LIMITS.attachmentsPerMessage,
  },
): { accepted: F[]; rejected: { file: F; reason: RejectReason }[] } {
  const accepted: F[] = [];
  const rejected: { file: F; reason: RejectReason }[] = [];
  for (const file of files) {
    if (file.size === 0) rejected.push({ file, reason: 'empty' });
    else if (file.size > limits.bytes) rejected.push({ file, reason: 'tooLarge' });
    else if (alreadyAttached + accepted.length >= limits.perMessage)
      rejected.push({ file, reason: 'tooMany' });
    else accepted.push(file);
  }
  return { accepted, rejected };
}

/** A file name the protocol accepts (≤ 255 characters, no path, no control characters). */
export function cleanFileName(name: string, mime: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (base !== '') return Array.from(base).slice(0, 255).join('');
  // Pasted images have no name.
  const ext = {
    'image/png': 'png',
    'image/jpeg': 'jpg',
    'image/gif': 'gif',
    'image/webp': 'webp',
    'application/pdf': 'pdf',
  }[mime];
  return ext ? `pasted.${ext}` : 'file';
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Fits (w, h) into a box of `max` pixels on its longer side, never enlarging. */
export function thumbSize(w: number, h: number, max = 320): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}
