import { crc32 } from 'node:zlib';

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * What is wrong with a file that starts like a PNG, in a user's words, or undefined when its
 * chunks are whole (the PNG library's own messages name its internals, e.g. "There are some read
 * requests waitng on finished stream" for a cut-off file). Walks the chunk list: each chunk is a
 * 4-byte length, a 4-letter type, the data and a CRC-32 of type and data.
 */
export function pngDamage(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset: number = PNG_SIGNATURE.length;
  let first = true;
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) return 'it is cut off (the file ends inside a chunk header)';
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (!/^[A-Za-z]{4}$/.test(type))
      return `it holds something that is not a PNG chunk at byte ${offset}`;
    if (first && type !== 'IHDR') return 'it does not start with the IHDR header chunk';
    first = false;
    const end = offset + 12 + length;
    if (end > bytes.length) return `it is cut off (the file ends inside its ${type} chunk)`;
    const stored = view.getUint32(end - 4);
    if (crc32(bytes.subarray(offset + 4, end - 4)) !== stored) {
      return `its ${type} chunk is corrupted (the checksum does not match)`;
    }
    if (type === 'IEND') return undefined;
    offset = end;
  }
  return first
    ? 'it has nothing after the PNG signature'
    : 'it is cut off (no IEND chunk at the end)';
}
