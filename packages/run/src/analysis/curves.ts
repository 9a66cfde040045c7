import type { BatchEvent, EpochEvent, MetricsLine } from '../events.js';

/** A batch line placed on a continuous epoch axis: `progress` 1.5 is half-way through epoch 2. */
export interface BatchPoint extends BatchEvent {
  progress: number;
}

/** A run's learning curves, one point per epoch and per recorded batch. */
export interface Curves {
  epochs: EpochEvent[];
  batches: BatchPoint[];
}

/**
 * Turns metrics lines into curves. A resumed run repeats the epochs after its last checkpoint, so
 * a line at or before an earlier point rewinds the curve: the last attempt at an epoch wins.
 */
export function curves(lines: readonly MetricsLine[]): Curves {
  const epochs: EpochEvent[] = [];
  const batches: BatchPoint[] = [];
  for (const line of lines) {
    if (line.type === 'epoch') {
      while (epochs.length > 0 && epochs.at(-1)!.epoch >= line.epoch) epochs.pop();
      epochs.push(line);
      // Batches recorded after this epoch's end belonged to an attempt that was thrown away.
      while (batches.length > 0 && batches.at(-1)!.progress > line.epoch) batches.pop();
    } else {
      const progress = line.epoch - 1 + (line.batches > 0 ? line.batch / line.batches : 1);
      while (batches.length > 0 && batches.at(-1)!.progress >= progress) batches.pop();
      // Training again inside an epoch means that epoch's old end line is stale too.
      while (epochs.length > 0 && epochs.at(-1)!.epoch >= line.epoch) epochs.pop();
      batches.push({ ...line, progress });
    }
  }
  return { epochs, batches };
}
