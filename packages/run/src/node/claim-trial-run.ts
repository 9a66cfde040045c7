import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirectory } from '@fashion-lab/data/node';
import { isSafeRunId } from '../ids.js';

/**
 * Claims a sweep trial's run directory `<runsDir>/<runId>/` by creating it with one exclusive
 * (non-recursive) mkdir, atomic on local disks and NFS alike: of two workers starting the same
 * trial in the same second, exactly one gets true; the other gets false (already claimed) and
 * must leave the run alone. Resuming a claimed trial goes through the run lock instead.
 */
export async function claimTrialRun(runsDir: string, runId: string): Promise<boolean> {
  if (!isSafeRunId(runId)) {
    throw new RangeError(
      `claimTrialRun: ${JSON.stringify(runId)} is not a run id (letters, digits, - and _, not "sweeps")`,
    );
  }
  await makeDirectory(runsDir);
  const dir = join(runsDir, runId);
  try {
    await mkdir(dir);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw new Error(`${dir} cannot be created (${code ?? (error as Error).message})`);
  }
}
