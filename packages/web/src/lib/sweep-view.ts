import type { SampleStatistics, TrialState } from '@fashion-lab/run';
import type { RunStatus } from './run-types';

/**
 * One axis of a sweep's parallel-coordinates plot: a number field on a linear or log scale (as
 * the sweep's space draws it), or a categorical field, the seed, as points in listed order.
 */
export type SweepAxis =
  | { key: string; label: string; kind: 'linear' | 'log'; domain: [number, number] }
  | { key: string; label: string; kind: 'point'; domain: string[] };

/** A value on an axis: a number on a numeric axis, a domain entry on a point axis; null unknown. */
export type AxisValue = number | string | null;

/** One trial as the sweep page shows it (plain JSON: a number that is not finite is null). */
export interface TrialView {
  trial: number;
  runId: string;
  configKey: string;
  seed: number;
  /** Where sweep.json says the trial stands. */
  state: TrialState;
  /** The status of its run (stale: marked running, but silent); null before the run exists. */
  runStatus: RunStatus | 'stale' | null;
  testAcc: number | null;
  /** The best validation accuracy so far (the final one once the run ended). */
  bestValAcc: number | null;
  /** Set while the run is running: the epoch it trains. */
  epoch: { epoch: number; epochs: number } | null;
  error?: string;
  /** The trial's value on each axis, by axis key. */
  values: Record<string, AxisValue>;
}

/** One config over its seeds, with the run package's statistics (the numbers the cli prints). */
export interface ConfigView {
  configKey: string;
  trials: number;
  completed: number;
  testAcc: SampleStatistics;
  bestValAcc: SampleStatistics;
  /** `formatMeanStd` of each, e.g. "89.71% ± 0.12 (n = 3)". */
  testText: string;
  bestValText: string;
}

/** How many trials stand where: every state of sweep.json. */
export type TrialCounts = Record<TrialState, number>;

/** Everything the sweep page shows, as GET /api/sweeps/<id> sends it. */
export interface SweepView {
  ok: true;
  sweepId: string;
  name: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
  /** The sweep's answer in one sentence (`sweepSentence`). */
  sentence: string;
  bestConfigKey: string | null;
  axes: SweepAxis[];
  trials: TrialView[];
  /** In sweep order. */
  configs: ConfigView[];
  counts: TrialCounts;
  /** True while some trial is pending, running or paused: the page keeps polling. */
  live: boolean;
}

/** A sweep whose sweep.json is missing or cannot be read: the sentence that says so. */
export interface SweepViewError {
  ok: false;
  sweepId: string;
  error: string;
}
