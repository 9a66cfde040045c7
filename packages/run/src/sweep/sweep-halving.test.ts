import { describe, expect, it } from 'vitest';
import { planSweep, type SweepJson } from './sweep-json.js';
import { advanceHalving, recordRungResult, rungProgress } from './sweep-halving.js';
import { parseSweepSpec } from './sweep-spec.js';

const now = new Date(Date.UTC(2026, 10, 25, 21, 4, 12));

/** 4 learning rates x 2 seeds, 4 epochs, halving from 1 epoch by 2: rungs 1, 2, 4. */
const SPEC = parseSweepSpec(
  {
    name: 'halving',
    base: { model: 'dense', epochs: 4 },
    space: { learningRate: [0.001, 0.002, 0.003, 0.004] },
    seeds: [1, 2],
    halving: { minEpochs: 1, factor: 2 },
  },
  'sweep.json',
);

/** A synthetic score: the higher the rate the better, more so with more epochs; seeds differ a bit. */
function score(sweep: SweepJson, trial: number): number {
  const { config, seed, rung = 0 } = sweep.trials[trial]!;
  return 0.5 + config.learningRate * 50 + rung * 0.05 + seed * 0.001;
}

/** Trains pending trials one at a time, in trial order, as a coordinator with one worker would. */
function runToTheEnd(start: SweepJson): { sweep: SweepJson; trained: string[] } {
  let sweep = start;
  const trained: string[] = [];
  for (;;) {
    const next = sweep.trials.find((t) => t.state === 'pending');
    if (next === undefined) return { sweep, trained };
    trained.push(`t${next.trial}@${sweep.rungs?.[next.rung ?? 0]}`);
    sweep = recordRungResult(sweep, next.trial, score(sweep, next.trial));
    if (next.rung === (sweep.rungs?.length ?? 0) - 1) {
      // The final rung: evaluated, the trial completes.
      const trials = sweep.trials.map((t) =>
        t.trial === next.trial ? { ...t, state: 'completed' as const } : t,
      );
      sweep = { ...sweep, trials };
    }
  }
}

describe('successive halving over sweep.json', () => {
  const states = (sweep: SweepJson) =>
    sweep.trials.map((t) => `${t.configKey}: ${t.state} at rung ${t.rung}`);

  it('with the best config first: 8 trials to 1 epoch, 4 on to 2, 2 on to 4, the rest pruned', () => {
    const spec = { ...SPEC, space: { learningRate: [0.004, 0.003, 0.002, 0.001] } };
    const { sweep, trained } = runToTheEnd(planSweep(spec, { now }));
    expect(states(sweep)).toEqual([
      'learningRate=0.004: completed at rung 2',
      'learningRate=0.004: completed at rung 2',
      'learningRate=0.003: pruned at rung 1',
      'learningRate=0.003: pruned at rung 1',
      'learningRate=0.002: pruned at rung 0',
      'learningRate=0.002: pruned at rung 0',
      'learningRate=0.001: pruned at rung 0',
      'learningRate=0.001: pruned at rung 0',
    ]);
    expect(trained.join(' ')).toBe(
      [
        't0@1 t1@1 t2@1 t3@1', // 2 configs finished rung 0: the better (0.004) goes on at once
        't0@2 t1@2',
        't4@1 t5@1 t6@1 t7@1', // rung 0 closed: the better half (0.004, 0.003) on, 2 pruned
        't2@2 t3@2', // rung 1 closed: the best one on, 0.003 pruned
        't0@4 t1@4',
      ].join(' '),
    );
  });

  it('with the best config last: asynchronous promotions train more, as in ASHA', () => {
    const { sweep, trained } = runToTheEnd(planSweep(SPEC, { now }));
    expect(states(sweep)).toEqual([
      'learningRate=0.001: pruned at rung 0',
      'learningRate=0.001: pruned at rung 0',
      'learningRate=0.002: pruned at rung 1',
      'learningRate=0.002: pruned at rung 1',
      'learningRate=0.003: completed at rung 2',
      'learningRate=0.003: completed at rung 2',
      'learningRate=0.004: completed at rung 2',
      'learningRate=0.004: completed at rung 2',
    ]);
    expect(trained.join(' ')).toBe(
      [
        't0@1 t1@1 t2@1 t3@1', // 0.002 beats 0.001: on at once
        't2@2 t3@2',
        't4@1 t5@1', // 0.003 is the best of 3 at rung 0: on
        't4@2 t5@2', // and beats 0.002 at rung 1: on to the end
        't4@4 t5@4',
        't6@1 t7@1', // rung 0 closed: 0.004 on (0.001 pruned)
        't6@2 t7@2', // rung 1 closed: 0.004 the best of 3: on, 0.002 pruned
        't6@4 t7@4',
      ].join(' '),
    );
  });

  it('scores a config by the mean over its seeds, once all of them finished the rung', () => {
    let sweep = planSweep(SPEC, { now });
    sweep = recordRungResult(sweep, 0, 0.6);
    expect(rungProgress(sweep.trials)[0]).toEqual({
      configKey: 'learningRate=0.001',
      scores: [],
      rung: 0,
      stopped: false,
    });
    sweep = recordRungResult(sweep, 1, 0.7);
    expect(rungProgress(sweep.trials)[0]?.scores[0]).toBeCloseTo(0.65, 12);
  });

  it('leaves a failed trial out of its config, and stops a config whose trials all failed', () => {
    let sweep = planSweep(SPEC, { now });
    const fail = (s: SweepJson, trial: number): SweepJson => ({
      ...s,
      trials: s.trials.map((t) =>
        t.trial === trial ? { ...t, state: 'failed', error: 'diverged' } : t,
      ),
    });
    sweep = recordRungResult(fail(sweep, 0), 1, 0.7);
    sweep = fail(fail(sweep, 2), 3);
    const [first, second] = rungProgress(sweep.trials);
    expect(first).toMatchObject({ scores: [0.7], stopped: false });
    expect(second).toMatchObject({ scores: [], stopped: true });
  });

  it('leaves a sweep without halving as it is', () => {
    const { halving: _, ...plain } = SPEC;
    const sweep = planSweep(plain, { now });
    expect(advanceHalving(sweep)).toBe(sweep);
  });
});
