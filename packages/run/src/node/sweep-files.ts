import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { makeDirectory } from '@fashion-lab/data/node';
import { isSafeRunId, SWEEPS_DIR } from '../ids.js';
import { SWEEP_FILE, planSweep, validateSweepJson, type SweepJson } from '../sweep/sweep-json.js';
import type { SweepSpec } from '../sweep/sweep-spec.js';
import { writeJsonAtomic } from './atomic-write.js';
import { readJson } from './run-readers.js';

/** `<runsDir>/sweeps/<sweepId>`: where a sweep's sweep.json lives, beside the runs. */
export function sweepDir(runsDir: string, sweepId: string): string {
  if (!isSafeRunId(sweepId)) {
    throw new RangeError(`sweepDir: ${JSON.stringify(sweepId)} is not a sweep id`);
  }
  return join(runsDir, SWEEPS_DIR, sweepId);
}

/**
 * Starts a sweep: expands `spec` (from `parseSweepSpec`) at `now`, creates
 * `<runsDir>/sweeps/<sweepId>/` (refusing one that exists: the same name in the same second) and
 * writes its sweep.json atomically, every trial pending. No trial run directory is made yet: a
 * worker claims each with `claimTrialRun`.
 */
export async function createSweep(
  runsDir: string,
  spec: SweepSpec,
  options: { now?: Date } = {},
): Promise<{ dir: string; sweep: SweepJson }> {
  const sweep = planSweep(spec, { now: options.now ?? new Date() });
  const dir = sweepDir(runsDir, sweep.sweepId);
  await makeDirectory(join(runsDir, SWEEPS_DIR));
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EEXIST'
        ? `${dir} already exists: a sweep named ${spec.name} was started in the same second`
        : `${dir} cannot be created (${code ?? (error as Error).message})`,
    );
  }
  await writeJsonAtomic(join(dir, SWEEP_FILE), sweep);
  return { dir, sweep };
}

/** Reads and validates `<dir>/sweep.json`; throws RunReadError or RunFileError naming the file. */
export async function readSweep(dir: string): Promise<SweepJson> {
  const file = join(dir, SWEEP_FILE);
  return validateSweepJson(await readJson(file), file);
}

/** The update in flight per sweep directory, so one process's updates run one after another. */
const pending = new Map<string, Promise<SweepJson>>();

/**
 * Read-modify-write of sweep.json: reads it, applies `change`, stamps `updatedAt`, checks the
 * result against the schema and writes it atomically; returns what was written. Updates from one
 * process to one sweep run in call order, never interleaved. Across processes nothing is locked:
 * one coordinator (the sweep command) writes a sweep's sweep.json, workers report to it.
 */
export function updateSweep(
  dir: string,
  change: (sweep: SweepJson) => SweepJson | Promise<SweepJson>,
  options: { now?: () => Date } = {},
): Promise<SweepJson> {
  const key = resolve(dir);
  const previous = pending.get(key) ?? Promise.resolve(undefined);
  const update = previous
    .catch(() => undefined) // an earlier caller's failure is theirs; this update still runs
    .then(async () => {
      const file = join(dir, SWEEP_FILE);
      const changed = await change(await readSweep(dir));
      const updated = { ...changed, updatedAt: (options.now?.() ?? new Date()).toISOString() };
      // Never write a file every reader would then refuse.
      validateSweepJson(JSON.parse(JSON.stringify(updated)), file);
      await writeJsonAtomic(file, updated);
      return updated;
    });
  pending.set(key, update);
  const forget = () => {
    if (pending.get(key) === update) pending.delete(key);
  };
  update.then(forget, forget);
  return update;
}

/** One entry of `listSweeps`: a readable sweep, or why it cannot be read. */
export type SweepListEntry =
  | { ok: true; dir: string; sweepId: string; sweep: SweepJson }
  | { ok: false; dir: string; sweepId: string; error: string };

/**
 * Every sweep under `<runsDir>/sweeps/`, newest first (by createdAt), the unreadable ones last
 * with their error instead of failing the list; no sweeps folder means no sweeps.
 */
export async function listSweeps(runsDir: string): Promise<SweepListEntry[]> {
  let entries;
  try {
    entries = await readdir(join(runsDir, SWEEPS_DIR), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const sweeps = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map(async ({ name: sweepId }): Promise<SweepListEntry> => {
        const dir = join(runsDir, SWEEPS_DIR, sweepId);
        try {
          return { ok: true, dir, sweepId, sweep: await readSweep(dir) };
        } catch (error) {
          return {
            ok: false,
            dir,
            sweepId,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }),
  );
  const rank = (entry: SweepListEntry) => (entry.ok ? entry.sweep.createdAt : '');
  return sweeps.sort((a, b) =>
    rank(a) !== rank(b) ? (rank(a) < rank(b) ? 1 : -1) : a.sweepId < b.sweepId ? -1 : 1,
  );
}
