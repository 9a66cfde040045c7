import { readdir, readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { MetricsLine, RunStatus } from '../events.js';
import type { SkippedLine } from '../metrics-lines.js';
import { parseMetricsLines } from '../metrics-lines.js';
import { validateEvaluation, type Evaluation } from '../evaluation.js';
import { validateEmbedding, type Embedding } from '../embedding.js';
import { validateExplain, type Explain } from '../explain.js';
import { validateRunJson, type RunJson } from '../run-json.js';
import { SWEEPS_DIR } from '../ids.js';
import { effectiveStatus } from '../status.js';
import { jsonSyntaxErrorLocation } from '../json-syntax-error-location.js';
import { isProcessAlive } from './process-alive.js';

export { readCheckpoint } from './checkpoint-files.js';

/** File names inside runs/<runId>/. */
export const RUN_FILES = {
  run: 'run.json',
  metrics: 'metrics.jsonl',
  evaluation: 'evaluation.json',
  /** Optional: saliency heatmaps of the evaluation samples. */
  explain: 'explain.json',
  /** Optional: the test set's 2D map. */
  embedding: 'embedding.json',
  model: 'model',
} as const;

/** A run file that is missing or not JSON at all (schema defects are RunFileErrors). */
export class RunReadError extends Error {
  override readonly name = 'RunReadError';

  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file} ${problem}`);
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RunReadError(file, 'does not exist');
    throw new RunReadError(file, `cannot be read (${code ?? (error as Error).message})`);
  }
}

/** Reads and parses a JSON file; throws RunReadError naming it when missing or not JSON. */
export async function readJson(file: string): Promise<unknown> {
  const text = await readText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON.parse's message: its wording differs between Node versions.
    if (text.trim() === '') throw new RunReadError(file, 'is empty');
    const location = jsonSyntaxErrorLocation(text);
    throw new RunReadError(
      file,
      location === undefined ? 'is not valid JSON' : `is not valid JSON at ${location}`,
    );
  }
}

/** True when `runDir` exists as a directory (a run id is taken). */
export async function runExists(runDir: string): Promise<boolean> {
  return stat(runDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Reads and validates runs/<id>/run.json; throws RunReadError or RunFileError naming the file. */
export async function readRun(runDir: string): Promise<RunJson> {
  const file = join(runDir, RUN_FILES.run);
  return validateRunJson(await readJson(file), file);
}

/** Reads and validates runs/<id>/evaluation.json. */
export async function readEvaluation(runDir: string): Promise<Evaluation> {
  const file = join(runDir, RUN_FILES.evaluation);
  return validateEvaluation(await readJson(file), file);
}

/** Reads an optional JSON file: undefined when it does not exist, else as `readJson`. */
async function readOptionalJson(file: string): Promise<unknown> {
  try {
    await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  }
  return readJson(file);
}

/**
 * Reads and validates runs/<id>/explain.json; undefined for a run without one (an older run, or
 * one trained with --explain off). A damaged file throws RunReadError or RunFileError naming it.
 */
export async function readExplain(runDir: string): Promise<Explain | undefined> {
  const file = join(runDir, RUN_FILES.explain);
  const value = await readOptionalJson(file);
  return value === undefined ? undefined : validateExplain(value, file);
}

/** Reads and validates runs/<id>/embedding.json; undefined for a run without one. */
export async function readEmbedding(runDir: string): Promise<Embedding | undefined> {
  const file = join(runDir, RUN_FILES.embedding);
  const value = await readOptionalJson(file);
  return value === undefined ? undefined : validateEmbedding(value, file);
}

/**
 * Reads runs/<id>/metrics.jsonl: the valid lines, plus the skipped ones (a torn last line) with
 * their numbers. A run without the file yet has no lines.
 */
export async function readMetrics(
  runDir: string,
): Promise<{ lines: MetricsLine[]; skipped: SkippedLine[] }> {
  const file = join(runDir, RUN_FILES.metrics);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], skipped: [] };
    throw new RunReadError(file, `cannot be read (${(error as Error).message})`);
  }
  return parseMetricsLines(text, file);
}

/** One entry of `listRuns`: a readable run with its shown status, or why it cannot be read. */
export type RunListEntry =
  | { ok: true; dir: string; runId: string; run: RunJson; status: RunStatus | 'stale' }
  | { ok: false; dir: string; runId: string; error: string };

/**
 * Every run under `runsDir`, newest first (run ids start with their UTC time). A run that cannot be
 * read is listed with its error instead of failing the list; a missing `runsDir` has no runs.
 * `runs/sweeps/` holds sweeps, not a run, and is skipped.
 */
export async function listRuns(
  runsDir: string,
  options: { now?: Date; isAlive?: (pid: number) => boolean } = {},
): Promise<RunListEntry[]> {
  let entries;
  try {
    entries = await readdir(runsDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const now = options.now ?? new Date();
  const isAlive = options.isAlive ?? isProcessAlive;
  const names = entries
    .filter(
      (entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== SWEEPS_DIR,
    )
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return Promise.all(
    names.map(async (runId): Promise<RunListEntry> => {
      const dir = join(runsDir, runId);
      try {
        const run = await readRun(dir);
        return {
          ok: true,
          dir,
          runId,
          run,
          status: effectiveStatus(run, now, isAlive, hostname()),
        };
      } catch (error) {
        return {
          ok: false,
          dir,
          runId,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
}
