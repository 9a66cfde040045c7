import type { SweepJson, SweepTrial } from '@fashion-lab/run';
import { testRunJson } from '@fashion-lab/run/testing';
import { describe, expect, it } from 'vitest';
import { fakeRunStart } from '../fake-run.test-support.js';
import { TrainingProgress } from '../training-progress.js';
import { HALVING_TRIALS, plannedSweep } from './sweep.test-support.js';
import { fitCell, trialDetail } from './sweep-trial-row.js';

function trialOf(sweep: SweepJson, change: Partial<SweepTrial>): SweepTrial {
  return { ...sweep.trials[0]!, ...change };
}

describe('trialDetail', () => {
  const sweep = plannedSweep();

  it('shows a failed trial its error', () => {
    const trial = trialOf(sweep, { state: 'failed', error: 'the loss diverged (NaN) in epoch 2' });
    expect(trialDetail(trial, sweep, undefined, undefined)).toEqual({
      kind: 'text',
      text: 'the loss diverged (NaN) in epoch 2',
    });
  });

  it('shows a completed trial its test and best val accuracy, once its run.json is read', () => {
    const trial = trialOf(sweep, { state: 'completed' });
    const run = testRunJson({ runId: trial.runId });
    expect(trialDetail(trial, sweep, run, undefined)).toEqual({
      kind: 'text',
      text: 'test 90.00%  best val 91.00%',
    });
    expect(trialDetail(trial, sweep, undefined, undefined)).toEqual({ kind: 'text', text: '' });
  });

  it('shows nothing more of a trial another process trains, and of one trained here its start, then its epochs', () => {
    const trial = trialOf(sweep, { state: 'running' });
    expect(trialDetail(trial, sweep, undefined, undefined)).toEqual({ kind: 'text', text: '' });
    const progress = new TrainingProgress(() => 0);
    expect(trialDetail(trial, sweep, undefined, progress)).toEqual({
      kind: 'text',
      text: 'starting…',
    });
    progress.apply(fakeRunStart());
    progress.apply({ type: 'epoch-start', epoch: 3, epochs: 3 });
    expect(trialDetail(trial, sweep, undefined, progress)).toEqual({
      kind: 'progress',
      progress: { epoch: 3, epochs: 3, fraction: 2 / 3 },
    });
  });

  it('shows a trial a queue worker trains its worker, then the epoch its metrics reached, up to its rung', () => {
    const trial = { ...trialOf(sweep, { state: 'running' }), worker: 'gpu-box:4242' };
    expect(trialDetail(trial, sweep, undefined, undefined)).toEqual({
      kind: 'worker',
      worker: 'gpu-box:4242',
    });
    expect(trialDetail(trial, sweep, undefined, undefined, 2)).toEqual({
      kind: 'worker',
      worker: 'gpu-box:4242',
      epoch: { epoch: 2, epochs: 3 },
    });
    // Rung 1 is one epoch: a trial training to it never reads as further.
    const halving = plannedSweep(HALVING_TRIALS);
    const toRung = { ...trialOf(halving, { state: 'running', rung: 0 }), worker: 'gpu-box:4242' };
    expect(trialDetail(toRung, halving, undefined, undefined, 2)).toMatchObject({
      epoch: { epoch: 1, epochs: 1 },
    });
  });

  it('with halving, names a promoted trial its next rung', () => {
    const halving = plannedSweep(HALVING_TRIALS);
    const trial = trialOf(halving, { state: 'pending', rung: 1 });
    expect(trialDetail(trial, halving, undefined, undefined)).toEqual({
      kind: 'text',
      text: 'promoted to rung 2/2',
    });
  });
});

describe('fitCell', () => {
  it.each([
    ['adam', 6, 'adam  '],
    ['learningRate=0.001', 8, 'learnin…'],
    ['anything', 0, ''],
  ])('fits %j into %i columns as %j', (text, width, cell) => {
    expect(fitCell(text, width)).toBe(cell);
  });
});
