import type { SweepJson, TrialState } from '@fashion-lab/run';
import { describe, expect, it } from 'vitest';
import { plannedSweep } from './sweep.test-support.js';
import { moreLine, trialCounts, trialWindow } from './trial-window.js';

/** The planned 12-trial sweep with some trials' states set. */
function withStates(states: Record<number, TrialState>): SweepJson {
  const sweep = plannedSweep();
  return {
    ...sweep,
    trials: sweep.trials.map((trial) => ({ ...trial, state: states[trial.trial] ?? trial.state })),
  };
}

const numbers = (trials: { trial: number }[]): number[] => trials.map((trial) => trial.trial + 1);

describe('trialWindow', () => {
  it('shows every trial in sweep order when they all fit', () => {
    const { trials } = withStates({ 0: 'completed', 1: 'running' });
    const window = trialWindow(trials, 12);
    expect(numbers(window.shown)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(window.hidden).toBe(0);
  });

  it('puts running trials first, then the latest to change, then the next pending, and counts the rest', () => {
    const { trials } = withStates({
      0: 'completed',
      1: 'completed',
      2: 'failed',
      3: 'completed',
      4: 'running',
      5: 'running',
    });
    // Trial 1 ended last, trial 3 before it; trials 2 and 4 changed before this screen started.
    const changedAt = new Map([
      [0, 2],
      [2, 1],
    ]);
    const window = trialWindow(trials, 6, changedAt);
    expect(numbers(window.shown)).toEqual([5, 6, 1, 3, 4]);
    expect(window.hidden).toBe(7);
    expect(moreLine(window)).toBe('+7 more (1 completed, 6 pending)');
  });

  it('without known changes, takes later ended trials as the more recent ones', () => {
    const { trials } = withStates({ 0: 'completed', 1: 'completed', 2: 'pruned' });
    expect(numbers(trialWindow(trials, 3).shown)).toEqual([3, 2]);
  });

  it('leaves the last line for "+N more" even when a single row is left', () => {
    const window = trialWindow(withStates({}).trials, 1);
    expect(window.shown).toEqual([]);
    expect(moreLine(window)).toBe('+12 more (12 pending)');
  });
});

describe('trialCounts', () => {
  it('counts trials by state in a fixed order', () => {
    expect(trialCounts(withStates({ 3: 'completed', 4: 'running', 0: 'completed' }).trials)).toBe(
      '12 trials: 1 running, 2 completed, 9 pending',
    );
  });
});
