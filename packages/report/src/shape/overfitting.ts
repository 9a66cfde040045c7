import type { EpochEvent } from '../run-types.js';

/**
 * One sentence on how training and validation diverge: where validation loss bottomed out, and
 * the final gap between training and validation accuracy.
 */
export function overfittingNote(epochs: readonly EpochEvent[]): string {
  const last = epochs[epochs.length - 1];
  if (last === undefined) return 'No epoch has finished yet.';
  if (![last.loss, last.acc, last.valLoss, last.valAcc].every(Number.isFinite)) {
    return `Training diverged: at epoch ${last.epoch} the loss is no longer a number.`;
  }
  const lowest = epochs
    .filter((epoch) => Number.isFinite(epoch.valLoss))
    .reduce((best, epoch) => (epoch.valLoss < best.valLoss ? epoch : best));
  const gap = (Math.abs(last.acc - last.valAcc) * 100).toFixed(1);
  const gapText = `training accuracy ends ${gap} points ${last.acc >= last.valAcc ? 'above' : 'below'} validation accuracy`;
  if (lowest.epoch === last.epoch) {
    return `Validation loss is still falling at epoch ${last.epoch}, so no sign of overfitting yet; ${gapText}.`;
  }
  return (
    `Validation loss is lowest at epoch ${lowest.epoch} (${lowest.valLoss.toFixed(3)}) and ends at ` +
    `${last.valLoss.toFixed(3)} after epoch ${last.epoch}: the model overfits after epoch ${lowest.epoch}; ${gapText}.`
  );
}
