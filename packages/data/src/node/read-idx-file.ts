import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { IdxFormatError } from '../idx-format-error.js';

const gunzipAsync = promisify(gunzip);

/** Deflate expands at most ~1032:1, which bounds what a (possibly lying) gzip trailer may claim. */
const MAX_DEFLATE_RATIO = 1032;
const MIN_CHUNK = 16 * 1024;

function describeStart(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Turns a file's bytes into IDX bytes: gunzips gzip data (magic 1f 8b), passes raw IDX through.
 * A `.gz` name on non-gzip bytes, an empty file and corrupt gzip data are IdxFormatErrors.
 */
export async function decompressIdx(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (bytes.length === 0) {
    throw new IdxFormatError(file, 'empty file (0 bytes)', { actual: 0 });
  }
  const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!isGzip) {
    if (file.endsWith('.gz')) {
      throw new IdxFormatError(
        file,
        `not gzip data: starts with ${describeStart(bytes)} instead of the gzip magic 1f 8b`,
        { expected: '1f 8b', actual: describeStart(bytes) },
      );
    }
    return bytes;
  }
  // The gzip trailer stores the decompressed size (mod 2^32). One output chunk of that size
  // spares zlib's default 16 KiB chunks and their final concatenation: half the peak memory.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const claimedSize = bytes.length >= 18 ? view.getUint32(bytes.length - 4, true) : 0;
  const chunkSize = Math.max(
    MIN_CHUNK,
    Math.min(claimedSize + 1, bytes.length * MAX_DEFLATE_RATIO),
  );
  let output: Buffer;
  try {
    output = await gunzipAsync(bytes, { chunkSize });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IdxFormatError(file, `corrupt gzip data (${reason})`, {}, { cause: error });
  }
  // A plain Uint8Array view (no copy): consumers should not see Buffer's extra behaviour.
  return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}

/** Reads an IDX file (gzip or raw) from disk and returns its decompressed bytes; errors name `path`. */
export async function readIdxFile(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  return decompressIdx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}
