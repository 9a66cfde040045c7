import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fashion-lab-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeJsonAtomic', () => {
  it('writes pretty JSON, replaces an existing file and leaves no temp file', async () => {
    const file = join(dir, 'run.json');
    await writeJsonAtomic(file, { a: 1 });
    await writeJsonAtomic(file, { a: 2, b: [1] });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ a: 2, b: [1] });
    expect(await readFile(file, 'utf8')).toMatch(/\n$/);
    expect(await readdir(dir)).toEqual(['run.json']);
  });
});

describe('writeFileAtomic', () => {
  it('writes bytes', async () => {
    const file = join(dir, 'weights.bin');
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(file))]).toEqual([1, 2, 3]);
  });

  it('fails without leaving a temp file when the folder is missing', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.json'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});
