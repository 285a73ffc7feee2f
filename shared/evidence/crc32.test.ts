import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

describe('crc32', () => {
  it('is the zip/PNG CRC-32: the check value, and the bit-by-bit definition across block edges', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    // Slicing by 8 against the bit-by-bit definition, across the 8-byte block edges.
    const bitwise = (b: Uint8Array): number => {
      let c = 0xffffffff;
      for (const x of b) {
        c ^= x;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      return (c ^ 0xffffffff) >>> 0;
    };
    const some = Uint8Array.from({ length: 41 }, (_, i) => (i * 151 + 7) & 255);
    for (let n = 0; n <= some.length; n++)
      expect(crc32(some.subarray(0, n)), `${n} bytes`).toBe(bitwise(some.subarray(0, n)));
  });

  it('continues a CRC over bytes read in pieces', () => {
    const some = Uint8Array.from({ length: 97 }, (_, i) => (i * 31 + 3) & 255);
    for (const cut of [0, 1, 7, 8, 9, 50, 97])
      expect(crc32(some.subarray(cut), crc32(some.subarray(0, cut))), `cut at ${cut}`).toBe(crc32(some));
  });
});
