import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../run-json.js';
import { sweepResults, type TrialRef, type TrialRun } from './sweep-results.js';
import { configLine, formatMeanStd, formatPValue, sweepSentence } from './sweep-summary-text.js';

/** Trials of configs `key` with one test accuracy per seed, each run completed with that summary. */
function sweepOf(configs: [string, number[], number[]?][]): {
  trials: TrialRef[];
  runs: TrialRun[];
} {
  const trials: TrialRef[] = [];
  const runs: TrialRun[] = [];
  for (const [key, testAccs, bestValAccs] of configs) {
    testAccs.forEach((testAcc, i) => {
      const runId = `run-${trials.length}`;
      trials.push({ configKey: key, point: { optimizer: key.split('=')[1] as 'adam' }, runId });
      if (Number.isNaN(testAcc)) return; // a trial whose run never completed
      const summary: RunSummary = {
        testLoss: 0.3,
        testAcc,
        bestValAcc: bestValAccs?.[i] ?? testAcc + 0.01,
        bestEpoch: 2,
        seconds: 10,
      };
      runs.push({ runId, status: 'completed', summary });
    });
  }
  return { trials, runs };
}

const NADAM = [0.8985, 0.8962, 0.8966];
const ADAM = [0.8936, 0.894, 0.8954];

describe('sweepResults', () => {
  it('summarises each config over its seeds and ranks them by mean test accuracy', () => {
    const { trials, runs } = sweepOf([
      ['optimizer=adam', ADAM],
      ['optimizer=nadam', NADAM],
    ]);
    const results = sweepResults(trials, runs);
    expect(results.configs.map((c) => c.configKey)).toEqual(['optimizer=adam', 'optimizer=nadam']);
    expect(results.ranking.map((c) => c.configKey)).toEqual(['optimizer=nadam', 'optimizer=adam']);
    expect(results.best).toMatchObject({ configKey: 'optimizer=nadam', trials: 3, completed: 3 });
    expect(results.best?.testAcc.mean).toBeCloseTo(0.8971, 12);
    expect(results.best?.bestValAcc.mean).toBeCloseTo(0.9071, 12);
    expect(results.lead?.points).toBeCloseTo(0.2766666, 6);
    expect(results.lead?.test?.p).toBeCloseTo(0.03979646646729282, 8);
    expect(results.lead?.largerThanNoise).toBe(true);
  });

  it('counts only completed runs with a summary; runs not read count as not completed', () => {
    const { trials, runs } = sweepOf([['optimizer=adam', [0.89, Number.NaN, 0.9]]]);
    const failed: TrialRun = { runId: 'run-1', status: 'failed' };
    const results = sweepResults(
      [...trials, { ...trials[0]!, runId: 'never-read' }],
      [...runs, failed],
    );
    expect(results.configs[0]).toMatchObject({ trials: 4, completed: 2, testAcc: { n: 2 } });
  });

  it('lists a config without a completed trial with n = 0 and never makes it the best', () => {
    const { trials, runs } = sweepOf([
      ['optimizer=sgd', [Number.NaN, Number.NaN]],
      ['optimizer=adam', [0.88]],
    ]);
    const results = sweepResults(trials, runs);
    expect(results.configs[0]).toMatchObject({
      configKey: 'optimizer=sgd',
      completed: 0,
      testAcc: { n: 0 },
    });
    expect(results.best?.configKey).toBe('optimizer=adam');
    expect(results.runnerUp).toBeUndefined();
  });

  it('breaks a tie of means in sweep order', () => {
    const { trials, runs } = sweepOf([
      ['optimizer=sgd', [0.9]],
      ['optimizer=adam', [0.9]],
    ]);
    expect(sweepResults(trials, runs).best?.configKey).toBe('optimizer=sgd');
  });
});

describe('sweepSentence', () => {
  it('says whether the lead is larger than the noise (Welch, p < 0.05)', () => {
    const { trials, runs } = sweepOf([
      ['optimizer=adam', ADAM],
      ['optimizer=nadam', NADAM],
    ]);
    expect(sweepSentence(sweepResults(trials, runs))).toBe(
      "Best: optimizer=nadam at 89.71% ± 0.12 (n = 3); its lead of 0.28 points over optimizer=adam (89.43% ± 0.09, n = 3) is larger than the noise (Welch's t-test, p = 0.04).",
    );
  });

  it('says a lead is within the noise when p >= 0.05', () => {
    const { trials, runs } = sweepOf([
      ['optimizer=adam', [0.89, 0.9]],
      ['optimizer=nadam', [0.895, 0.9]],
    ]);
    // scipy.stats.ttest_ind([0.895, 0.9], [0.89, 0.9], equal_var=False): p = 0.7117
    expect(sweepSentence(sweepResults(trials, runs))).toBe(
      "Best: optimizer=nadam at 89.75% ± 0.35 (n = 2); its lead of 0.25 points over optimizer=adam (89.50% ± 0.71, n = 2) is within the noise (Welch's t-test, p = 0.71).",
    );
  });

  it('cannot tell with one seed', () => {
    const { trials, runs } = sweepOf([
      ['optimizer=adam', [0.895]],
      ['optimizer=nadam', [0.8971]],
    ]);
    expect(sweepSentence(sweepResults(trials, runs))).toBe(
      'Best: optimizer=nadam at 89.71% (n = 1); its lead of 0.21 points over optimizer=adam (89.50%, n = 1) may be noise: cannot tell with one seed.',
    );
  });

  it('has an answer with one config and before any trial completed', () => {
    const one = sweepOf([['optimizer=adam', [0.895, 0.9]]]);
    expect(sweepSentence(sweepResults(one.trials, one.runs))).toBe(
      'Best: optimizer=adam at 89.75% ± 0.35 (n = 2); no other config has a completed trial to compare it with.',
    );
    const none = sweepOf([['optimizer=adam', [Number.NaN]]]);
    expect(sweepSentence(sweepResults(none.trials, none.runs))).toBe(
      'No trial has completed yet, so there is no best config.',
    );
  });
});

describe('the per-config line', () => {
  it('is mean ± std (n = k) of test and best validation accuracy', () => {
    const { trials, runs } = sweepOf([['optimizer=nadam', NADAM, [0.9012, 0.899, 0.9001]]]);
    const [config] = sweepResults(trials, runs).configs;
    expect(configLine(config!)).toBe(
      'optimizer=nadam: test 89.71% ± 0.12 (n = 3), best val 90.01% ± 0.11 (n = 3)',
    );
  });

  it.each([
    [{ n: 0 }, 'no completed trial (n = 0)'],
    [{ n: 1, mean: 0.9 }, '90.00% (n = 1)'],
    [{ n: 2, mean: 0.9, std: 0.0071 }, '90.00% ± 0.71 (n = 2)'],
  ])('formats %j as %s', (stats, text) => {
    expect(formatMeanStd(stats)).toBe(text);
  });

  it.each([
    [0.0398, 'p = 0.04'],
    [0.049, 'p = 0.049'],
    [0.41234, 'p = 0.41'],
    [0.00099, 'p < 0.001'],
  ])('writes p-value %d as "%s"', (p, text) => {
    expect(formatPValue(p)).toBe(text);
  });
});
