import type { TrainingState, TrainConfig } from '@fashion-lab/run';

/** The state before the first epoch: no best epoch yet, nothing waiting on a plateau. */
export function initialTrainingState(learningRate: number, rngState: number[]): TrainingState {
  return {
    epoch: 0,
    rngState,
    learningRate,
    // Finite sentinels: state.json is JSON, where infinities would turn into null.
    bestValAcc: -1,
    bestEpoch: 0,
    epochsWithoutImprovement: 0,
    plateauEpochs: 0,
    bestValLoss: Number.MAX_VALUE,
    seconds: 0,
  };
}

/**
 * Early stopping on validation accuracy and reduce-on-plateau on validation loss, as Keras's
 * callbacks do. Mutates `state`; returns true when training should stop.
 */
export function applyEpochCallbacks(
  state: TrainingState,
  config: TrainConfig,
  validation: { loss: number; acc: number },
  epoch: number,
): boolean {
  if (validation.acc > state.bestValAcc) {
    state.bestValAcc = validation.acc;
    state.bestEpoch = epoch;
    state.epochsWithoutImprovement = 0;
  } else {
    state.epochsWithoutImprovement++;
  }
  const plateau = config.reduceLrOnPlateau;
  if (validation.loss < state.bestValLoss) {
    state.bestValLoss = validation.loss;
    state.plateauEpochs = 0;
  } else if (plateau) {
    state.plateauEpochs++;
    if (state.plateauEpochs >= plateau.patience) {
      state.learningRate = Math.max(plateau.minLr, state.learningRate * plateau.factor);
      state.plateauEpochs = 0;
    }
  }
  const patience = config.earlyStopping?.patience;
  return patience !== undefined && state.epochsWithoutImprovement >= patience;
}
