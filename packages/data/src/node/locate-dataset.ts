import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { DatasetName } from '../dataset.js';
import { DATASET_DIR_ENV, DATASET_FILES, DEBIAN_DATASET_DIR } from './dataset-files.js';
import { DatasetNotFoundError } from './dataset-not-found-error.js';

/** Where to look for a dataset; `env` stands in for process.env (tests pass their own). */
export interface LocateOptions {
  dataDir?: string;
  dataset?: DatasetName;
  env?: NodeJS.ProcessEnv;
}

/** Paths of a dataset's four files, keyed like {@link DATASET_FILES}. */
export type DatasetFilePaths = Record<keyof typeof DATASET_FILES, string>;

/**
 * The per-user download cache: `$XDG_CACHE_HOME/fashion-lab/<dataset>`, else
 * `~/.cache/fashion-lab/<dataset>` (a relative XDG_CACHE_HOME is ignored, as the XDG spec says).
 */
export function defaultCacheDir(
  dataset: DatasetName = 'fashion-mnist',
  env: NodeJS.ProcessEnv = process.env,
): string {
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg && isAbsolute(xdg) ? xdg : join(env['HOME'] || homedir(), '.cache');
  return join(base, 'fashion-lab', dataset);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds the four files in `dir`, preferring an uncompressed file over its `.gz` (no gunzip to
 * pay); `missing` lists the base names found in neither form.
 */
export async function findDatasetFiles(
  dir: string,
): Promise<{ files: Partial<DatasetFilePaths>; missing: string[] }> {
  const files: Partial<DatasetFilePaths> = {};
  const missing: string[] = [];
  for (const [key, base] of Object.entries(DATASET_FILES) as [keyof DatasetFilePaths, string][]) {
    const raw = join(dir, base);
    const gz = `${raw}.gz`;
    if (await isFile(raw)) files[key] = raw;
    else if (await isFile(gz)) files[key] = gz;
    else missing.push(base);
  }
  return { files, missing };
}

/** The folders searched after any explicit one, in order: user cache, then (Fashion-MNIST) Debian's. */
export function fallbackDirs(dataset: DatasetName, env: NodeJS.ProcessEnv): string[] {
  const dirs = [defaultCacheDir(dataset, env)];
  if (dataset === 'fashion-mnist') dirs.push(DEBIAN_DATASET_DIR);
  return dirs;
}

/**
 * Returns the first folder holding all four files (.gz or raw): `dataDir`, else the dataset's
 * env variable (FASHION_MNIST_DIR / MNIST_DIR), else the user cache, else the Debian path;
 * undefined when none has them. A folder named explicitly that lacks files is an error.
 */
export async function locateDataset(options: LocateOptions = {}): Promise<string | undefined> {
  const dataset = options.dataset ?? 'fashion-mnist';
  const env = options.env ?? process.env;
  const envVar = DATASET_DIR_ENV[dataset];
  const explicit = options.dataDir
    ? { dir: options.dataDir, source: '--data-dir' }
    : env[envVar]
      ? { dir: env[envVar], source: envVar }
      : undefined;
  if (explicit) {
    // Someone pointed here on purpose: falling through to another copy would hide their mistake.
    const { missing } = await findDatasetFiles(explicit.dir);
    if (missing.length > 0) {
      const list = missing.map((base) => `${base}(.gz)`).join(', ');
      throw new DatasetNotFoundError(
        `${explicit.dir} (from ${explicit.source}) lacks ${list}: copy the ${dataset} files there or point ${explicit.source} at a folder that has all four.`,
        { dataset, searched: [explicit.dir], missing },
      );
    }
    return explicit.dir;
  }
  for (const dir of fallbackDirs(dataset, env)) {
    if ((await findDatasetFiles(dir)).missing.length === 0) return dir;
  }
  return undefined;
}
