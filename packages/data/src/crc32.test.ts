import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';

describe('crc32', () => {
  it.each([
    ['', 0x00000000],
    ['a', 0xe8b7be43],
    ['123456789', 0xcbf43926],
    ['IEND', 0xae426082],
  ])('crc32(%j) is the ISO 3309 checksum', (input, expected) => {
    expect(crc32(new TextEncoder().encode(input))).toBe(expected);
  });

  it('agrees with zlib on every byte value and on longer input', () => {
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 37 + (i >> 8)) & 0xff);
    expect(crc32(bytes)).toBe(zlib.crc32(bytes));
  });
});
