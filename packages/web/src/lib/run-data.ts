import { hostname } from 'node:os';
import { access, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { effectiveStatus, SWEEPS_DIR, type Evaluation, type RunJson } from '@fashion-lab/run';
import {
  isProcessAlive,
  readEvaluation,
  readMetrics,
  readRun,
  resolveRunsDir,
} from '@fashion-lab/run/node';
import { resolveRunDir } from './run-path';
import type { RunsTableRow } from './run-row';
import { createRunSummaryCache, type RunSummaryCache } from './run-summary-cache';
import { rowAt, summarizeRun, type CachedRunSummary } from './run-summary';
import type { MetricsLine, RunStatus } from './run-types';

/** The runs directory this server reads: `RUNS_DIR`, else `runs/` at the workspace root. */
export function runsDir(): string {
  return resolveRunsDir();
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** A run's metrics lines; a run that has not logged yet (no metrics.jsonl) has none. */
export async function readMetricsLines(
  dir: string,
): Promise<{ lines: MetricsLine[]; skipped: number; error?: string }> {
  if (!(await exists(join(dir, 'metrics.jsonl')))) return { lines: [], skipped: 0 };
  try {
    const { lines, skipped } = await readMetrics(dir);
    return { lines, skipped: skipped.length };
  } catch (error) {
    return { lines: [], skipped: 0, error: message(error) };
  }
}

/** Reads one run directory into its list summary; an unreadable run.json becomes an error row. */
export async function readRunSummary(runDir: string): Promise<CachedRunSummary> {
  let run: RunJson;
  try {
    run = await readRun(runDir);
  } catch (error) {
    return { ok: false, id: basename(runDir), error: message(error) };
  }
  const { lines } = await readMetricsLines(runDir);
  return summarizeRun(run, lines);
}

// One cache for the server process. On globalThis, because the route bundles of a production
// build and the reloaded modules of `next dev` may each carry their own copy of this module.
const CACHE = Symbol.for('fashion-lab.web.run-summaries');
type WithCache = typeof globalThis & { [CACHE]?: RunSummaryCache<CachedRunSummary> };

/** The server process's cache of run summaries, shared by the runs list and the sweep pages. */
export function summaryCache(): RunSummaryCache<CachedRunSummary> {
  return ((globalThis as WithCache)[CACHE] ??= createRunSummaryCache(readRunSummary));
}

/**
 * The run directories under `dir`, newest first (run ids start with their UTC time): what
 * `listRuns` lists (not `sweeps/`, which holds the sweeps), without reading a file of them.
 */
async function runDirectories(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter(
      (entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== SWEEPS_DIR,
    )
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((name) => join(dir, name));
}

/**
 * Every run as a row of the runs table, unreadable runs included as error rows. A run is read
 * again only once its run.json or metrics.jsonl changed; the status is judged at every call.
 */
export async function loadRunsTable(): Promise<RunsTableRow[]> {
  const summaries = await summaryCache().summaries(await runDirectories(runsDir()));
  const now = new Date();
  const host = hostname();
  return summaries.map((summary) => rowAt(summary, now, isProcessAlive, host));
}

/** Everything the run page shows, read from one run directory. */
export interface RunDetail {
  ok: true;
  id: string;
  run: RunJson;
  status: RunStatus | 'stale';
  lines: MetricsLine[];
  /** Torn or invalid lines of metrics.jsonl that were skipped. */
  skippedLines: number;
  metricsError?: string;
  evaluation?: Evaluation;
  evaluationError?: string;
  hasModel: boolean;
}

/** A run directory whose run.json cannot be read or validated. */
export interface RunReadError {
  ok: false;
  id: string;
  error: string;
}

/**
 * Finds run `id` inside the runs directory and reads its run.json: undefined when the id is
 * malformed, missing or leads out of the directory, a RunReadError when run.json is unreadable.
 */
async function openRun(
  id: string,
): Promise<{ dir: string; run: RunJson } | RunReadError | undefined> {
  const dir = await resolveRunDir(runsDir(), id);
  if (dir === undefined) return undefined;
  try {
    return { dir, run: await readRun(dir) };
  } catch (error) {
    return { ok: false, id, error: message(error) };
  }
}

/**
 * Reads one run by id; undefined when the id is malformed, missing or leads out of the runs
 * directory (the page answers 404), a RunReadError when run.json is unreadable.
 */
export async function loadRunDetail(id: string): Promise<RunDetail | RunReadError | undefined> {
  const opened = await openRun(id);
  if (opened === undefined || !('run' in opened)) return opened;
  const { dir, run } = opened;
  const metrics = await readMetricsLines(dir);
  const detail: RunDetail = {
    ok: true,
    id,
    run,
    status: effectiveStatus(run, new Date(), isProcessAlive, hostname()),
    lines: metrics.lines,
    skippedLines: metrics.skipped,
    hasModel: await exists(join(dir, 'model', 'model.json')),
  };
  if (metrics.error !== undefined) detail.metricsError = metrics.error;
  if (await exists(join(dir, 'evaluation.json'))) {
    try {
      detail.evaluation = await readEvaluation(dir);
    } catch (error) {
      detail.evaluationError = message(error);
    }
  }
  return detail;
}

/** What the live view polls: the run's status and its metrics lines from index `from` on. */
export interface MetricsUpdate {
  status: RunStatus | 'stale';
  /** Number of lines in metrics.jsonl now; the next poll asks `from=total`. */
  total: number;
  lines: MetricsLine[];
}

/** Reads a run's status and its new metrics lines; undefined (404) for an unknown or unsafe id. */
export async function loadMetricsUpdate(
  id: string,
  from: number,
): Promise<MetricsUpdate | RunReadError | undefined> {
  const opened = await openRun(id);
  if (opened === undefined || !('run' in opened)) return opened;
  const { dir, run } = opened;
  const { lines } = await readMetricsLines(dir);
  // A shorter file than the client has seen means it was replaced: send everything again.
  const start = from <= lines.length ? from : 0;
  return {
    status: effectiveStatus(run, new Date(), isProcessAlive, hostname()),
    total: lines.length,
    lines: lines.slice(start),
  };
}
