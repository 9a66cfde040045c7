import type { SweepJson, TrialRun } from '@fashion-lab/run';
import type { QueuedTrial } from '@fashion-lab/sweep-queue/node';
import { formatPercent } from '../format.js';
import type { TrainingProgress } from '../training-progress.js';

/** Where a running trial stands: epoch x of its target (its rung's, with halving) and how far. */
export interface TrialProgressCell {
  epoch: number;
  epochs: number;
  fraction: number;
}

/** What the table shows of a trial beside its number, config, seed and state. */
export type TrialDetail =
  | { kind: 'progress'; progress: TrialProgressCell }
  | { kind: 'text'; text: string }
  | { kind: 'worker'; worker: string; epoch?: { epoch: number; epochs: number } };

/**
 * The detail cell of a trial: a running trial's epoch and progress (when this process trains
 * it; "starting…" until its run starts; the queue worker that trains it and the epoch its metrics
 * reached, `queueEpoch`; else nothing), a completed one's test and best val accuracy, a halving
 * pause or prune with its rung's best val, a failure's error.
 */
export function trialDetail(
  trial: QueuedTrial,
  sweep: SweepJson,
  run: TrialRun | undefined,
  live: TrainingProgress | undefined,
  queueEpoch?: number,
): TrialDetail {
  const rungs = sweep.rungs;
  const rungName = (rung: number): string => `rung ${rung + 1}/${rungs?.length ?? 1}`;
  switch (trial.state) {
    case 'running': {
      // No live progress: another process trains it; sweep.json names it when it is a queue worker.
      if (live === undefined) {
        if (trial.worker === undefined) return { kind: 'text', text: '' };
        if (queueEpoch === undefined) return { kind: 'worker', worker: trial.worker };
        const epochs = rungs?.[trial.rung ?? 0] ?? trial.config.epochs;
        return {
          kind: 'worker',
          worker: trial.worker,
          epoch: { epoch: Math.min(queueEpoch, epochs), epochs },
        };
      }
      if (live.start === undefined) return { kind: 'text', text: 'starting…' };
      // With halving a trial trains only to its rung's epoch, then pauses.
      const epochs = rungs?.[trial.rung ?? 0] ?? live.epochs;
      const batches = Math.max(1, live.batches);
      const done = (live.epoch - 1) * batches + live.batch;
      const fraction = Math.min(1, Math.max(0, done / (epochs * batches)));
      return {
        kind: 'progress',
        progress: { epoch: Math.min(live.epoch, epochs), epochs, fraction },
      };
    }
    case 'completed': {
      const summary = run?.summary;
      return {
        kind: 'text',
        text: summary
          ? `test ${formatPercent(summary.testAcc)}  best val ${formatPercent(summary.bestValAcc)}`
          : '',
      };
    }
    case 'paused':
    case 'pruned': {
      const rung = trial.rung ?? 0;
      const val = trial.rungBestValAcc?.[rung];
      return {
        kind: 'text',
        text: `at ${rungName(rung)}${val === undefined ? '' : `  best val ${formatPercent(val)}`}`,
      };
    }
    case 'failed':
      return { kind: 'text', text: trial.error ?? '' };
    case 'pending':
      return {
        kind: 'text',
        text:
          rungs !== undefined && (trial.rung ?? 0) > 0
            ? `promoted to ${rungName(trial.rung ?? 0)}`
            : '',
      };
  }
}

/** `text` cut to `width` columns with an ellipsis, padded to exactly `width`. */
export function fitCell(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text + ' '.repeat(width - chars.length);
  return `${chars.slice(0, width - 1).join('')}…`;
}
