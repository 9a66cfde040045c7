import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from './process-alive.js';

/** The lock file inside a run directory while a process writes the run. */
export const RUN_LOCK_FILE = 'run.lock';

/** Another live process is writing this run. */
export class RunLockedError extends Error {
  override readonly name = 'RunLockedError';

  constructor(
    readonly runDir: string,
    readonly pid: number,
  ) {
    super(`${runDir} is being written by process ${pid}; stop it first (or wait until it ends)`);
  }
}

async function readLockPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) ? pid : Number.NaN;
}

/**
 * Takes the run's lock (an O_EXCL lock file holding our pid), so two processes never write one
 * run. A lock left by a dead process is taken over. Resolves with the function that releases it;
 * throws RunLockedError while another live process (or this one) holds it.
 */
export async function acquireRunLock(runDir: string): Promise<() => Promise<void>> {
  const file = join(runDir, RUN_LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        // Remove only our own lock: never one another process took over meanwhile.
        if ((await readLockPid(file)) === process.pid) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLockPid(file);
    if (holder === undefined) continue; // released meanwhile: try again
    if (Number.isNaN(holder)) {
      // Being written right now by its creator (or garbage): give the writer a moment.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (Number.isNaN(await readLockPid(file))) await rm(file, { force: true });
      continue;
    }
    if (holder === process.pid || isProcessAlive(holder)) throw new RunLockedError(runDir, holder);
    await rm(file, { force: true }); // a dead process's lock
  }
  throw new RunLockedError(runDir, (await readLockPid(file)) ?? Number.NaN);
}
