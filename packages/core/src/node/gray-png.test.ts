import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodeGrayPng, grayPngDataUri } from './gray-png.js';

/** Splits a PNG into its chunks, checking each chunk's CRC on the way. */
function readChunks(png: Uint8Array): { type: string; data: Uint8Array; crcOk: boolean }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks = [];
  for (let offset = 8; offset < png.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    const stored = view.getUint32(offset + 8 + length);
    chunks.push({
      type,
      data,
      crcOk: stored === crc32(png.subarray(offset + 4, offset + 8 + length)),
    });
    offset += 12 + length;
  }
  return chunks;
}

describe('crc32', () => {
  it.each([
    ['', 0x00000000],
    ['a', 0xe8b7be43],
    ['123456789', 0xcbf43926],
    ['IEND', 0xae426082],
  ])('crc32(%j) is the ISO 3309 checksum', (input, expected) => {
    expect(crc32(new TextEncoder().encode(input))).toBe(expected);
  });
});

describe('encodeGrayPng', () => {
  const width = 3;
  const height = 2;
  const pixels = Uint8Array.of(0, 128, 255, 10, 20, 30);
  const png = encodeGrayPng(width, height, pixels);

  it('starts with the PNG signature and has IHDR, IDAT, IEND with valid CRCs', () => {
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = readChunks(png);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((chunk) => chunk.crcOk)).toBe(true);
  });

  it('declares the size as 8-bit grayscale, not interlaced', () => {
    const header = readChunks(png)[0]!.data;
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    expect([view.getUint32(0), view.getUint32(4)]).toEqual([width, height]);
    expect([...header.subarray(8)]).toEqual([8, 0, 0, 0, 0]);
  });

  it('round-trips the pixels through zlib, each row behind a filter byte 0', () => {
    const rows = zlib.inflateSync(readChunks(png)[1]!.data);
    expect([...rows]).toEqual([0, 0, 128, 255, 0, 10, 20, 30]);
  });

  it('is deterministic', () => {
    expect(encodeGrayPng(width, height, pixels)).toEqual(png);
  });

  it('rejects a pixel count that does not match the size', () => {
    expect(() => encodeGrayPng(28, 28, new Uint8Array(10))).toThrow(
      'a 28x28 image needs 784 bytes, got 10',
    );
  });

  it('makes a data URI that decodes back to the same PNG', () => {
    const uri = grayPngDataUri(width, height, pixels);
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    expect(new Uint8Array(Buffer.from(uri.slice(22), 'base64'))).toEqual(png);
  });
});
