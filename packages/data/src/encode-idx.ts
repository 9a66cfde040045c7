/**
 * Encodes unsigned-byte data as an IDX file (big-endian header: magic, then one uint32 per
 * dimension). The inverse of parseIdx: for writing subsets of a dataset and tiny fixtures.
 */
export function encodeIdx(dims: readonly number[], data: ArrayLike<number>): Uint8Array {
  const headerLength = 4 + 4 * dims.length;
  const bytes = new Uint8Array(headerLength + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x00000800 | dims.length);
  dims.forEach((size, axis) => view.setUint32(4 + 4 * axis, size));
  bytes.set(data, headerLength);
  return bytes;
}
