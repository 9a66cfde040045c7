import { hostname } from 'node:os';
import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { effectiveStatus, type Evaluation, type RunJson } from '@fashion-lab/run';
import {
  isProcessAlive,
  listRuns,
  readEvaluation,
  readMetrics,
  readRun,
  resolveRunsDir,
} from '@fashion-lab/run/node';
import { resolveRunDir } from './run-path';
import { toRunRow, type RunsTableRow } from './run-row';
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

/** Every run as a row of the runs table, unreadable runs included as error rows. */
export async function loadRunsTable(): Promise<RunsTableRow[]> {
  const dir = runsDir();
  if (!(await exists(dir))) return [];
  const entries = await listRuns(dir);
  return Promise.all(
    entries.map(async (entry): Promise<RunsTableRow> => {
      const id = basename(entry.dir);
      if (!entry.ok) return { ok: false, id, error: entry.error };
      const { lines } = await readMetricsLines(join(dir, id));
      return toRunRow(entry.run, entry.status, lines);
    }),
  );
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
