import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../encode-idx.js';
import { IdxFormatError } from '../idx-format-error.js';
import { readIdxFile } from './read-idx-file.js';
import { makeTempDir } from './test-dataset-files.test-support.js';

const labels = encodeIdx([4], [1, 2, 3, 4]);
let dir = '';

beforeAll(async () => {
  dir = await makeTempDir();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('readIdxFile', () => {
  it.each([
    { form: 'a gzip file named .gz', name: 'a.gz', bytes: () => gzipSync(labels) },
    { form: 'a raw file', name: 'b', bytes: () => labels },
    { form: 'gzip data without the .gz name', name: 'c', bytes: () => gzipSync(labels) },
  ])('returns the IDX bytes of $form', async ({ name, bytes }) => {
    const read = await readIdxFile(await write(name, bytes()));
    expect(read).toEqual(labels);
    expect(Object.getPrototypeOf(read)).toBe(Uint8Array.prototype);
  });

  it.each([
    {
      defect: 'a .gz file that is not gzip',
      name: 'raw.gz',
      bytes: () => labels,
      message: 'raw.gz: not gzip data: starts with 00 00 08 01 instead of the gzip magic 1f 8b',
    },
    {
      defect: 'an empty file',
      name: 'empty.gz',
      bytes: () => new Uint8Array(0),
      message: 'empty.gz: empty file (0 bytes)',
    },
    {
      defect: 'a truncated gzip stream',
      name: 'cut.gz',
      bytes: () => gzipSync(encodeIdx([3000], new Uint8Array(3000).fill(1))).subarray(0, 20),
      message: 'cut.gz: corrupt gzip data (unexpected end of file)',
    },
    {
      defect: 'corrupt gzip data',
      name: 'bad.gz',
      bytes: () => Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]),
      message: 'bad.gz: corrupt gzip data',
    },
  ])('rejects $defect, naming the file', async ({ name, bytes, message }) => {
    const path = await write(name, bytes());
    const error = await readIdxFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IdxFormatError);
    expect((error as IdxFormatError).file).toBe(path);
    expect((error as Error).message).toContain(message);
  });

  it('lets a missing file fail with its path in the message', async () => {
    await expect(readIdxFile(join(dir, 'nope.gz'))).rejects.toThrow(join(dir, 'nope.gz'));
  });

  it('reads gzip whose trailer lies about the size', async () => {
    const gz = gzipSync(labels);
    new DataView(gz.buffer, gz.byteOffset).setUint32(gz.length - 4, 0xffffffff, true);
    // zlib checks the trailer itself, so the lie is caught, not trusted.
    await expect(readIdxFile(await write('liar.gz', gz))).rejects.toThrow(IdxFormatError);
  });
});
