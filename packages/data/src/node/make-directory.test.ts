import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryCreateError, makeDirectory } from './make-directory.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fashion-lab-mkdir-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('makeDirectory', () => {
  it('creates a folder and its missing parents, and accepts one that exists', async () => {
    const dir = join(root, 'a', 'b', 'c');
    await makeDirectory(dir);
    expect((await stat(dir)).isDirectory()).toBe(true);
    await expect(makeDirectory(dir)).resolves.toBeUndefined();
  });

  it('refuses a path through a file, naming the file', async () => {
    await writeFile(join(root, 'file'), '');
    await expect(makeDirectory(join(root, 'file', 'runs'))).rejects.toThrow(
      `${join(root, 'file', 'runs')} cannot be created: ${join(root, 'file')} is a file, not a folder`,
    );
  });

  it('lets two processes create the same folder at once', async () => {
    const dir = join(root, 'x', 'y');
    await Promise.all([makeDirectory(dir), makeDirectory(dir), makeDirectory(dir)]);
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  // procfs answers ENOENT to a new folder, which sends Node's recursive mkdir into an endless loop.
  it.runIf(existsSync('/proc/self'))('answers at once under /proc instead of hanging', async () => {
    const attempt = makeDirectory('/proc/fashion-lab-runs/run');
    await expect(attempt).rejects.toThrow(DirectoryCreateError);
    await expect(attempt).rejects.toThrow(
      '/proc/fashion-lab-runs/run cannot be created: /proc does not take new folders',
    );
  });
});
