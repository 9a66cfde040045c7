import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveRunsDir } from '@fashion-lab/run/node';
import type { CliIo } from './cli-io.js';
import { displayPath } from './outcome-lines.js';
import { UsageError } from './usage-error.js';

/** The runs directory every command uses: `--runs-dir`, else RUNS_DIR, else runs/ at the root. */
export function runsDirOf(command: { runsDir?: string }, io: CliIo): string {
  return resolveRunsDir({
    ...(command.runsDir !== undefined ? { runsDir: command.runsDir } : {}),
    env: io.env,
    cwd: io.cwd,
  });
}

/** The directory of an existing run; a run id that is not there is a usage mistake. */
export async function existingRunDir(runsDir: string, runId: string): Promise<string> {
  const dir = join(runsDir, runId);
  const isDir = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new UsageError(
      `no run "${runId}" in ${displayPath(runsDir)} (list them with: npx nx run cli:runs)`,
    );
  }
  return dir;
}
