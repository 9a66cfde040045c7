import { join } from 'node:path';
import type { MetricsLine, SweepJson } from '@fashion-lab/run';
import { readMetrics } from '@fashion-lab/run/node';
import type { SweepStore } from './sweep-store.js';

/**
 * The epoch a run's metrics lines have reached: the one its latest batch line trains or epoch
 * line finished; 0 before the first line.
 */
export function latestEpoch(lines: readonly MetricsLine[]): number {
  return lines.reduce((epoch, line) => Math.max(epoch, line.epoch), 0);
}

/**
 * The epoch each running trial of `sweep` has reached, by trial index, read from the
 * metrics.jsonl its worker writes (where a queued sweep has no live events). A run with no
 * epoch yet, or whose metrics cannot be read, is left out: the screen shows its worker alone.
 */
export async function readRunningEpochs(
  sweep: SweepJson,
  runsDir: string,
): Promise<Map<number, number>> {
  const running = sweep.trials.filter((trial) => trial.state === 'running');
  const epochs = await Promise.all(
    running.map((trial) =>
      readMetrics(join(runsDir, trial.runId)).then(
        ({ lines }) => latestEpoch(lines),
        () => 0,
      ),
    ),
  );
  const reached = new Map<number, number>();
  running.forEach((trial, i) => {
    const epoch = epochs[i] ?? 0;
    if (epoch > 0) reached.set(trial.trial, epoch);
  });
  return reached;
}

/**
 * Takes the epochs the running trials of the store's snapshot reached into `store.queueEpochs`
 * and marks the screen stale (never rejects). A trial that stopped running meanwhile is skipped.
 */
export async function readQueueEpochs(store: SweepStore, runsDir: string): Promise<void> {
  if (store.sweep === undefined) return;
  const reached = await readRunningEpochs(store.sweep, runsDir);
  store.queueEpochs.clear();
  for (const [trial, epoch] of reached) {
    if (store.sweep.trials[trial]?.state === 'running') store.queueEpochs.set(trial, epoch);
  }
  store.invalidate();
}
