import type { EpochEvent } from '../events.js';

/** The epoch with the highest validation accuracy (the earliest on a tie; NaN never wins). */
export function bestEpoch(epochs: readonly EpochEvent[]): EpochEvent | undefined {
  let best: EpochEvent | undefined;
  for (const epoch of epochs) {
    if (Number.isNaN(epoch.valAcc)) continue;
    if (best === undefined || epoch.valAcc > best.valAcc) best = epoch;
  }
  return best;
}
