import { describe, expect, it } from 'vitest';
import { base64DecodedLength, decodeBase64, encodeBase64 } from './base64.js';

describe('base64', () => {
  it.each([
    [[], ''],
    [[0], 'AA=='],
    [[1, 2], 'AQI='],
    [[255, 254, 253], '//79'],
    [[77, 97, 110, 77], 'TWFuTQ=='],
  ])('encodes %j as %j and back', (bytes, text) => {
    expect(encodeBase64(new Uint8Array(bytes))).toBe(text);
    expect([...decodeBase64(text)]).toEqual(bytes);
  });

  it('agrees with the platform encoder on every byte value, in long inputs', () => {
    const bytes = new Uint8Array(100_001).map((_, i) => (i * 7919) % 256);
    const text = encodeBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(decodeBase64(text)).toEqual(bytes);
  });

  it.each(['A', 'AA=A', 'A*==', 'AAA=AAAA', '====', 'AA A', 'AAAA\n'])('rejects %j', (text) => {
    expect(base64DecodedLength(text)).toBeUndefined();
    expect(() => decodeBase64(text)).toThrow(RangeError);
  });
});
