import { describe, expect, it } from 'vitest';
import type { TrainingState } from '@fashion-lab/run';
import { defaultConfig } from '@fashion-lab/run';
import { applyEpochCallbacks, initialTrainingState } from './epoch-callbacks.js';

function freshState(): TrainingState {
  return initialTrainingState(0.01, []);
}

describe('applyEpochCallbacks', () => {
  it('tracks the best epoch by validation accuracy', () => {
    const state = freshState();
    const config = defaultConfig('dense');
    applyEpochCallbacks(state, config, { loss: 0.5, acc: 0.8 }, 1);
    applyEpochCallbacks(state, config, { loss: 0.4, acc: 0.85 }, 2);
    applyEpochCallbacks(state, config, { loss: 0.45, acc: 0.84 }, 3);
    expect(state).toMatchObject({ bestEpoch: 2, bestValAcc: 0.85, epochsWithoutImprovement: 1 });
  });

  it('asks to stop after `patience` epochs without a better validation accuracy', () => {
    const state = freshState();
    const config = defaultConfig('dense', {
      earlyStopping: { patience: 2, restoreBestWeights: true },
    });
    const stops = [0.8, 0.79, 0.78].map((acc, i) =>
      applyEpochCallbacks(state, config, { loss: 0.5, acc }, i + 1),
    );
    expect(stops).toEqual([false, false, true]);
  });

  it('never stops without early stopping configured', () => {
    const state = freshState();
    const config = defaultConfig('dense');
    const stops = [0.8, 0.7, 0.6, 0.5].map((acc, i) =>
      applyEpochCallbacks(state, config, { loss: 0.5, acc }, i + 1),
    );
    expect(stops).toEqual([false, false, false, false]);
  });

  it('multiplies the rate by the factor after `patience` epochs of no better validation loss, down to minLr', () => {
    const state = freshState();
    const config = defaultConfig('dense', {
      reduceLrOnPlateau: { factor: 0.5, patience: 2, minLr: 0.003 },
    });
    const rates = [0.5, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7].map((loss, i) => {
      applyEpochCallbacks(state, config, { loss, acc: 0.5 }, i + 1);
      return state.learningRate;
    });
    expect(rates).toEqual([0.01, 0.01, 0.005, 0.005, 0.003, 0.003, 0.003]);
  });

  it('keeps the rate when reduce-on-plateau is off', () => {
    const state = freshState();
    const config = defaultConfig('dense');
    for (let epoch = 1; epoch <= 5; epoch++)
      applyEpochCallbacks(state, config, { loss: 1, acc: 0.1 }, epoch);
    expect(state.learningRate).toBe(0.01);
  });
});
