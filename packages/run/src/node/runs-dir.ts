import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder at or above `cwd` whose package.json declares `workspaces`, if any. */
export function findWorkspaceRoot(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
        if (typeof parsed === 'object' && parsed !== null && 'workspaces' in parsed) return dir;
      } catch {
        // A broken package.json on the way up is not the workspace root; keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Where runs live, the same for every front end: the `--runs-dir` flag, else `RUNS_DIR`, else
 * `runs/` at the workspace root (never a package's own folder), else `runs/` under `cwd`.
 */
export function resolveRunsDir(
  options: { runsDir?: string | undefined; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): string {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  if (options.runsDir !== undefined && options.runsDir !== '') return resolve(cwd, options.runsDir);
  const fromEnv = env['RUNS_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(cwd, fromEnv);
  return join(findWorkspaceRoot(cwd) ?? resolve(cwd), 'runs');
}
