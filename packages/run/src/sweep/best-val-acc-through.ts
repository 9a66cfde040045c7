import { bestEpoch } from '../analysis/best-epoch.js';
import type { EpochEvent, MetricsLine } from '../metrics-lines.js';

/**
 * A trial's score at a halving rung: the best validation accuracy of its epochs up to and
 * including `epoch` (the rung's epoch count), from its metrics lines; NaN when none has one.
 */
export function bestValAccThrough(lines: readonly MetricsLine[], epoch: number): number {
  const epochs = lines.filter(
    (line): line is EpochEvent => line.type === 'epoch' && line.epoch <= epoch,
  );
  return bestEpoch(epochs)?.valAcc ?? Number.NaN;
}
