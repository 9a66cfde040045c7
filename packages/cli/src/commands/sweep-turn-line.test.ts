import { recordTurn } from '@fashion-lab/core/node';
import { parseSweepSpec, planSweep, type SweepJson } from '@fashion-lab/run';
import { describe, expect, it } from 'vitest';
import { turnLine } from './sweep-command.js';

/** Four configs, one seed, halving at 1 and 2 of 4 epochs (factor 2), as sweep.json plans it. */
function halvingSweep(): SweepJson {
  const spec = parseSweepSpec(
    {
      name: 'rungs',
      base: { model: 'dense', epochs: 4, limit: 600 },
      space: { learningRate: [0.0003, 0.001, 0.003, 0.01] },
      seeds: [1],
      halving: { minEpochs: 1, factor: 2 },
    },
    'rungs.json',
  );
  return planSweep(spec, { now: new Date('2026-12-07T08:00:00Z') });
}

/** Records a pause of `trial` at its rung and prints its line, as a sweep does after a turn. */
function pause(sweep: SweepJson, trial: number, bestValAcc: number): [SweepJson, string] {
  const turn = { state: 'paused' as const, runId: sweep.trials[trial]!.runId, bestValAcc };
  const after = recordTurn(sweep, trial, turn);
  return [after, turnLine(turn, after.trials[trial]!, after)];
}

describe('turnLine: how a halving pause is reported', () => {
  it('names the rung the trial reached, also when the same turn promotes it to the next one', () => {
    let sweep = halvingSweep();
    expect(sweep.rungs).toEqual([1, 2, 4]);
    let line: string;
    [sweep, line] = pause(sweep, 0, 0.5);
    expect(line).toMatch(/reached its rung \(1 epoch, best val 50\.00%\): paused$/);
    [sweep, line] = pause(sweep, 1, 0.9);
    [sweep, line] = pause(sweep, 2, 0.7);
    // The last pause closes rung 0: the best half goes on, this trial among them.
    [sweep, line] = pause(sweep, 3, 0.8);
    expect(sweep.trials[3]!.rung).toBe(1);
    expect(line).toMatch(/reached its rung \(1 epoch, best val 80\.00%\): promoted$/);
    // Rung 1 (2 epochs): the first to finish it waits, the second closes it and goes on.
    [sweep, line] = pause(sweep, 3, 0.81);
    expect(line).toMatch(/reached its rung \(2 epochs, best val 81\.00%\): paused$/);
    [sweep, line] = pause(sweep, 1, 0.91);
    expect(sweep.trials[1]!.rung).toBe(2);
    expect(line).toMatch(/reached its rung \(2 epochs, best val 91\.00%\): promoted$/);
  });
});
