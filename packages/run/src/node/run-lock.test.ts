import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_LOCK_FILE, RunLockedError, acquireRunLock } from './run-lock.js';

let runDir: string;
beforeEach(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'fashion-lab-lock-'));
});
afterEach(async () => {
  await rm(runDir, { recursive: true, force: true });
});

/** A pid no process has: beyond Linux's pid_max. */
const DEAD_PID = 2 ** 22 + 7;

describe('acquireRunLock', () => {
  it('writes our pid and removes the lock on release', async () => {
    const release = await acquireRunLock(runDir);
    expect((await readFile(join(runDir, RUN_LOCK_FILE), 'utf8')).trim()).toBe(String(process.pid));
    await release();
    await expect(readFile(join(runDir, RUN_LOCK_FILE))).rejects.toThrow(/ENOENT/);
    const again = await acquireRunLock(runDir);
    await again();
  });

  it('refuses while this or another live process holds it', async () => {
    const release = await acquireRunLock(runDir);
    await expect(acquireRunLock(runDir)).rejects.toThrow(RunLockedError);
    await release();
    // The parent of this test process is alive.
    await writeFile(join(runDir, RUN_LOCK_FILE), `${process.ppid}\n`);
    await expect(acquireRunLock(runDir)).rejects.toThrow(
      `is being written by process ${process.ppid}`,
    );
  });

  it.each([
    ['a dead process', `${DEAD_PID}\n`],
    ['garbage', 'not a pid'],
  ])('takes over a lock left by %s', async (_, content) => {
    await writeFile(join(runDir, RUN_LOCK_FILE), content);
    const release = await acquireRunLock(runDir);
    expect((await readFile(join(runDir, RUN_LOCK_FILE), 'utf8')).trim()).toBe(String(process.pid));
    await release();
  });

  it('release leaves alone a lock another process took over', async () => {
    const release = await acquireRunLock(runDir);
    await writeFile(join(runDir, RUN_LOCK_FILE), `${process.ppid}\n`);
    await release();
    expect((await readFile(join(runDir, RUN_LOCK_FILE), 'utf8')).trim()).toBe(String(process.ppid));
  });
});
