import { describe, expect, it } from 'vitest';
import { checkFiles, cleanFileName, sniffType, thumbSize, toHex } from './logic';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('attachments: type from the bytes', () => {
  it('recognises a PNG whatever its name says', () => {
    expect(sniffType(PNG)).toBe('image/png');
    expect(sniffType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
  });
  it('calls an executable with a .png name what it is', () => {
    expect(sniffType(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]))).toBe('application/octet-stream');
  });
});

describe('attachments: limits', () => {
  const limits = { bytes: 100, perMessage: 3 };
  it('accepts files up to the byte limit and refuses larger or empty ones', () => {
    const r = checkFiles(
      [
        { name: 'a', size: 100 },
        { name: 'b', size: 101 },
        { name: 'c', size: 0 },
      ],
      0,
      limits,
    );
    expect(r.accepted.map((f) => f.name)).toEqual(['a']);
    expect(r.rejected.map((x) => [x.file.name, x.reason])).toEqual([
      ['b', 'tooLarge'],
      ['c', 'empty'],
    ]);
  });
  it('counts what is already attached against the per-message limit', () => {
    const r = checkFiles(
      [
        { name: 'a', size: 1 },
        { name: 'b', size: 1 },
      ],
      2,
      limits,
    );
    expect(r.accepted.map((f) => f.name)).toEqual(['a']);
    expect(r.rejected[0]?.reason).toBe('tooMany');
  });
  it('uses the documented 25 MB limit by default', () => {
    expect(checkFiles([{ name: 'x', size: 25 * 1024 * 1024 + 1 }], 0).rejected[0]?.reason).toBe('tooLarge');
  });
});

describe('attachments: names, sizes, thumbnails', () => {
  it('strips paths and control characters and names pasted images', () => {
    expect(cleanFileName('C:\\Users\\a\\photo\u0007.jpg', 'image/jpeg')).toBe('photo.jpg');
    expect(cleanFileName('', 'image/png')).toBe('pasted.png');
  });
  it('fits thumbnails without enlarging', () => {
    expect(thumbSize(1600, 800)).toEqual({ width: 320, height: 160 });
    expect(thumbSize(40, 30)).toEqual({ width: 40, height: 30 });
  });
  it('hex-encodes', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
  });
});
