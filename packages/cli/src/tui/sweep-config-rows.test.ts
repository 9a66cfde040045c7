import { sweepResults, type TrialRun } from '@fashion-lab/run';
import { testRunJson } from '@fashion-lab/run/testing';
import { describe, expect, it } from 'vitest';
import { answerReady, configRows } from './sweep-config-rows.js';
import { plannedSweep } from './sweep.test-support.js';

const { trials } = plannedSweep();

/** The completed run.json of trial `index` with this test accuracy (best val 1 point higher). */
function completed(index: number, testAcc: number): TrialRun {
  return testRunJson({
    runId: trials[index]!.runId,
    summary: { testLoss: 0.3, testAcc, bestValAcc: testAcc + 0.01, bestEpoch: 3, seconds: 20 },
  });
}

describe('configRows as seeds complete', () => {
  it('lists every config with n = 0 before any trial completed, none marked', () => {
    const { rows, hidden } = configRows(sweepResults(trials, []), 6);
    expect(rows.map((row) => [row.configKey, row.test, row.bestVal, row.n, row.best])).toEqual([
      ['learningRate=0.001 optimizer=adam', '--', '--', 'n = 0', false],
      ['learningRate=0.001 optimizer=nadam', '--', '--', 'n = 0', false],
      ['learningRate=0.003 optimizer=adam', '--', '--', 'n = 0', false],
      ['learningRate=0.003 optimizer=nadam', '--', '--', 'n = 0', false],
      ['learningRate=0.01 optimizer=adam', '--', '--', 'n = 0', false],
      ['learningRate=0.01 optimizer=nadam', '--', '--', 'n = 0', false],
    ]);
    expect(hidden).toBe(0);
  });

  it('shows one seed as its value and two as mean ± std (sample sd in points), the best marked', () => {
    // Config 1: 90% and 92% (mean 91%, sd 1.41 points); config 2: 93% once.
    const runs = [completed(0, 0.9), completed(1, 0.92), completed(2, 0.93)];
    const { rows } = configRows(sweepResults(trials, runs), 6);
    expect(rows[0]).toEqual({
      configKey: 'learningRate=0.001 optimizer=adam',
      test: '91.00% ± 1.41',
      bestVal: '92.00% ± 1.41',
      n: 'n = 2',
      best: false,
    });
    expect(rows[1]).toEqual({
      configKey: 'learningRate=0.001 optimizer=nadam',
      test: '93.00%',
      bestVal: '94.00%',
      n: 'n = 1',
      best: true,
    });
  });

  it('when cut, keeps the best configs and says how many are left out', () => {
    const runs = [completed(0, 0.9), completed(4, 0.95), completed(8, 0.85)];
    const { rows, hidden } = configRows(sweepResults(trials, runs), 3);
    expect(rows.map((row) => [row.configKey, row.best])).toEqual([
      ['learningRate=0.003 optimizer=adam', true],
      ['learningRate=0.001 optimizer=adam', false],
    ]);
    expect(hidden).toBe(4);
  });
});

describe('answerReady', () => {
  it.each([
    ['no completed trial', [], false],
    ['one config with two seeds', [completed(0, 0.9), completed(1, 0.91)], false],
    ['two configs with one seed each', [completed(0, 0.9), completed(2, 0.91)], false],
    [
      'two configs with two seeds each',
      [completed(0, 0.9), completed(1, 0.91), completed(2, 0.92), completed(3, 0.93)],
      true,
    ],
  ])('with %s: %s', (_what, runs, ready) => {
    expect(answerReady(sweepResults(trials, runs))).toBe(ready);
  });
});
