import type { BatchEvent, EpochEvent, MetricsLine } from './run-types';

/** Where a run stands: the epoch in progress and how far into it. */
export interface RunProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** 0..1 over the whole run. */
  fraction: number;
  /** Loss and accuracy of the latest batch or epoch line. */
  loss: number;
  acc: number;
  samplesPerSec: number | null;
}

/** The epoch lines of metrics.jsonl, one per epoch: a resumed run repeats none, but keep the last. */
export function epochLines(lines: readonly MetricsLine[]): EpochEvent[] {
  const byEpoch = new Map<number, EpochEvent>();
  for (const line of lines) if (line.type === 'epoch') byEpoch.set(line.epoch, line);
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/** The batch lines of the epoch in progress (after the last epoch line), for the live view. */
export function currentEpochBatches(lines: readonly MetricsLine[]): BatchEvent[] {
  const batches: BatchEvent[] = [];
  for (const line of lines) {
    if (line.type === 'epoch') batches.length = 0;
    else batches.push(line);
  }
  return batches;
}

/** Progress of a run from its metrics lines; null before the first line. */
export function runProgress(lines: readonly MetricsLine[], epochs: number): RunProgress | null {
  const last = lines.at(-1);
  if (last === undefined) return null;
  const total = Math.max(epochs, last.epoch);
  if (last.type === 'batch') {
    const batches = Math.max(last.batches, 1);
    return {
      epoch: last.epoch,
      epochs: total,
      batch: last.batch,
      batches: last.batches,
      fraction: Math.min(1, (last.epoch - 1 + last.batch / batches) / total),
      loss: last.loss,
      acc: last.acc,
      samplesPerSec: last.samplesPerSec,
    };
  }
  const lastBatch = lines.findLast((line): line is BatchEvent => line.type === 'batch');
  const batches = lastBatch?.batches ?? 0;
  return {
    epoch: last.epoch,
    epochs: total,
    batch: batches,
    batches,
    fraction: Math.min(1, last.epoch / total),
    loss: last.loss,
    acc: last.acc,
    samplesPerSec: null,
  };
}
