import { realpath } from 'node:fs/promises';
import { join, relative, isAbsolute, sep } from 'node:path';

/**
 * What a run id may look like: letters, digits, `_`, `-` and single dots, starting with a letter or
 * digit. This rules out `..`, slashes (also decoded `%2F`), backslashes and absolute paths.
 */
const RUN_ID_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!\.)){0,127}$/;

/** The files a browser may fetch from a run directory: the saved model and nothing else. */
export const SERVED_RUN_FILES: Readonly<Record<string, string>> = {
  'model.json': 'model/model.json',
  'weights.bin': 'model/weights.bin',
};

/** True when `id` is shaped like a run id; use before touching the file system. */
export function isValidRunId(id: string): boolean {
  return RUN_ID_PATTERN.test(id);
}

/** True when `child` is `parent` itself or lies below it (both already real paths). */
function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

async function realpathOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

/**
 * Resolves a run id to its directory inside `runsDir`, following symlinks; undefined (so a 404)
 * for a malformed id, a missing run, or a run directory that is a symlink leading out of runsDir.
 */
export async function resolveRunDir(runsDir: string, id: string): Promise<string | undefined> {
  if (!isValidRunId(id)) return undefined;
  const realRunsDir = await realpathOrUndefined(runsDir);
  if (realRunsDir === undefined) return undefined;
  const realRunDir = await realpathOrUndefined(join(realRunsDir, id));
  if (realRunDir === undefined || realRunDir === realRunsDir) return undefined;
  return isInside(realRunsDir, realRunDir) ? realRunDir : undefined;
}

/**
 * Resolves one of the servable files (`SERVED_RUN_FILES`) of a run; undefined for any other name,
 * a missing file, or a file that is a symlink leading out of the run directory.
 */
export async function resolveRunFile(
  runsDir: string,
  id: string,
  name: string,
): Promise<string | undefined> {
  if (!Object.hasOwn(SERVED_RUN_FILES, name)) return undefined;
  const runDir = await resolveRunDir(runsDir, id);
  const relativePath = SERVED_RUN_FILES[name];
  if (runDir === undefined || relativePath === undefined) return undefined;
  const realFile = await realpathOrUndefined(join(runDir, relativePath));
  if (realFile === undefined) return undefined;
  return isInside(runDir, realFile) && realFile !== runDir ? realFile : undefined;
}
