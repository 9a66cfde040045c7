import type { RunJson } from '@fashion-lab/run';
import type { readMetrics } from '@fashion-lab/run/node';

// The run-file types the pages use, derived from what core's readers return, so the web depends
// only on the reader contract (RunJson and readMetrics), not on how core's index names each type.

/** A run's stored status (`effectiveStatus` adds 'stale'). */
export type RunStatus = RunJson['status'];

/** One row of a run's layer table. */
export type LayerSummary = RunJson['layers'][number];

/** One line of metrics.jsonl: an epoch or a batch line. */
export type MetricsLine = Awaited<ReturnType<typeof readMetrics>>['lines'][number];

/** The line written after each epoch. */
export type EpochEvent = Extract<MetricsLine, { type: 'epoch' }>;

/** The line written during an epoch (at most about once a second). */
export type BatchEvent = Extract<MetricsLine, { type: 'batch' }>;
