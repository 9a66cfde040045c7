import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  isSafeRunId,
  SWEEP_FILE,
  SWEEPS_DIR,
  type SweepJson,
  type TrialState,
} from '@fashion-lab/run';
import { isProcessAlive, readSweep, RunReadError } from '@fashion-lab/run/node';
import { buildSweepView } from './build-sweep-view';
import { runsDir, summaryCache } from './run-data';
import { createRunSummaryCache, type RunSummaryCache } from './run-summary-cache';
import type { SweepView, SweepViewError } from './sweep-view';

/** A sweep directory as read: its sweep.json, or why it cannot be read (`missing`: no file). */
type SweepEntry = { ok: true; sweep: SweepJson } | { ok: false; missing: boolean; error: string };

/** Reads one sweep directory; never throws (a missing or damaged sweep.json is an entry too). */
async function readSweepEntry(dir: string): Promise<SweepEntry> {
  try {
    return { ok: true, sweep: await readSweep(dir) };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const missing = error instanceof RunReadError && text.endsWith('does not exist');
    return { ok: false, missing, error: text };
  }
}

// One cache of sweep.json files for the server process, read again when a file changes (on
// globalThis for the same reason as the run summaries' cache).
const CACHE = Symbol.for('fashion-lab.web.sweeps');
type WithCache = typeof globalThis & { [CACHE]?: RunSummaryCache<SweepEntry> };

function sweepCache(): RunSummaryCache<SweepEntry> {
  return ((globalThis as WithCache)[CACHE] ??= createRunSummaryCache(readSweepEntry, [SWEEP_FILE]));
}

/** Why a sweep cannot be shown, in one sentence. */
function sweepProblem(sweepId: string, entry: Extract<SweepEntry, { ok: false }> | undefined) {
  if (entry === undefined || entry.missing) {
    return `There is no sweep ${sweepId}: its ${SWEEP_FILE} does not exist in the runs directory.`;
  }
  return `The ${SWEEP_FILE} of sweep ${sweepId} cannot be read: ${entry.error.replace(/\.$/, '')}.`;
}

/** The sweep ids under `<runsDir>/sweeps/`; none when there is no such folder. */
async function sweepIds(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(dir, SWEEPS_DIR), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && isSafeRunId(entry.name))
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Sweep `sweepId`'s page: sweep.json (read again only when it changed) and its trials' runs from
 * the runs list's summary cache (each read again only when its files changed). Undefined for an
 * id that is no sweep directory name (a 404); a missing or damaged sweep.json gives the sentence.
 */
export async function loadSweepView(
  sweepId: string,
): Promise<SweepView | SweepViewError | undefined> {
  if (!isSafeRunId(sweepId)) return undefined;
  const root = runsDir();
  const [entry] = await sweepCache().someSummaries([join(root, SWEEPS_DIR, sweepId)]);
  if (entry === undefined || !entry.ok) {
    return { ok: false, sweepId, error: sweepProblem(sweepId, entry) };
  }
  const { sweep } = entry;
  const summaries = await summaryCache().someSummaries(
    sweep.trials.map((trial) => join(root, trial.runId)),
  );
  return buildSweepView(sweep, summaries, {
    now: new Date(),
    isAlive: isProcessAlive,
    host: hostname(),
  });
}

/** One line of the sweeps list. */
export type SweepListItem =
  | {
      ok: true;
      sweepId: string;
      name: string;
      createdAt: string;
      trials: number;
      counts: Partial<Record<TrialState, number>>;
    }
  | { ok: false; sweepId: string; error: string };

/** Every sweep in the runs directory, newest first, the unreadable ones last with their error. */
export async function loadSweepList(): Promise<SweepListItem[]> {
  const root = runsDir();
  const ids = await sweepIds(root);
  const entries = await sweepCache().summaries(ids.map((id) => join(root, SWEEPS_DIR, id)));
  const items = entries.map((entry, i): SweepListItem => {
    const sweepId = ids[i]!;
    if (!entry.ok) return { ok: false, sweepId, error: sweepProblem(sweepId, entry) };
    const counts: Partial<Record<TrialState, number>> = {};
    for (const trial of entry.sweep.trials) counts[trial.state] = (counts[trial.state] ?? 0) + 1;
    return {
      ok: true,
      sweepId,
      name: entry.sweep.spec.name,
      createdAt: entry.sweep.createdAt,
      trials: entry.sweep.trials.length,
      counts,
    };
  });
  const rank = (item: SweepListItem) => (item.ok ? item.createdAt : '');
  return items.sort((a, b) =>
    rank(a) !== rank(b) ? (rank(a) < rank(b) ? 1 : -1) : a.sweepId < b.sweepId ? -1 : 1,
  );
}

/** Each readable sweep's name by id, for the runs list's sweep headings. */
export async function loadSweepNames(): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const item of await loadSweepList()) if (item.ok) names[item.sweepId] = item.name;
  return names;
}
