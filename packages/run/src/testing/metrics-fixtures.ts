import type { BatchEvent, EpochEvent, MetricsLine } from '../metrics-lines.js';

/** The numbers of an epoch line, without its type and epoch. */
export type EpochNumbers = Omit<EpochEvent, 'type' | 'epoch'>;
/** The numbers of a batch line, without its type, epoch and batch. */
export type BatchNumbers = Omit<BatchEvent, 'type' | 'epoch' | 'batch'>;

/** A valid epoch line of metrics.jsonl; `numbers` replace any of its plausible defaults. */
export function testEpochLine(epoch: number, numbers: Partial<EpochNumbers> = {}): EpochEvent {
  return {
    type: 'epoch',
    epoch,
    loss: 0.5,
    acc: 0.8,
    valLoss: 0.55,
    valAcc: 0.78,
    lr: 0.001,
    seconds: 10,
    ...numbers,
  };
}

/** A valid batch line of metrics.jsonl; `numbers` replace any of its plausible defaults. */
export function testBatchLine(
  epoch: number,
  batch: number,
  numbers: Partial<BatchNumbers> = {},
): BatchEvent {
  return {
    type: 'batch',
    epoch,
    batch,
    batches: 10,
    loss: 0.5,
    acc: 0.8,
    samplesPerSec: 1000,
    ...numbers,
  };
}

/** How `testMetricsLines` shapes each epoch. */
export interface TestMetricsOptions {
  /** Batches per epoch (default 10). */
  batches?: number;
  /** The batches that get a line before each epoch line, as the reporter's throttle keeps some. */
  batchLinesAt?: readonly number[];
  /** The numbers of epoch `epoch`'s line. */
  epoch?: (epoch: number) => Partial<EpochNumbers>;
  /** The numbers of the line of batch `batch` in epoch `epoch`. */
  batch?: (epoch: number, batch: number) => Partial<BatchNumbers>;
}

/**
 * The lines a run of `epochs` epochs leaves in metrics.jsonl, in the training loop's order: for
 * each epoch its batch lines (none unless `batchLinesAt` names some), then its epoch line.
 */
export function testMetricsLines(epochs: number, options: TestMetricsOptions = {}): MetricsLine[] {
  const batches = options.batches ?? 10;
  const lines: MetricsLine[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const batch of options.batchLinesAt ?? []) {
      lines.push(testBatchLine(epoch, batch, { batches, ...options.batch?.(epoch, batch) }));
    }
    lines.push(testEpochLine(epoch, options.epoch?.(epoch)));
  }
  return lines;
}

/** metrics.jsonl text of `lines`: one JSON object a line, each ended, as the reporter appends them. */
export function metricsJsonl(lines: readonly MetricsLine[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}
