/* eslint-disable @typescript-eslint/no-explicit-any -- these tests corrupt parsed JSON on purpose */
import { describe, expect, it } from 'vitest';
import { RunFileError } from '../run-file-error.js';
import { planSweep, validateSweepJson } from './sweep-json.js';
import { parseSweepSpec } from './sweep-spec.js';

const now = new Date(Date.UTC(2026, 10, 25, 21, 4, 12));
const FILE = 'runs/sweeps/lr-check-20261125-210412/sweep.json';
const spec = parseSweepSpec(
  {
    name: 'lr-check',
    base: { model: 'dense', epochs: 4, limit: 2000 },
    space: { learningRate: [0.001, 0.003] },
    seeds: [1, 2],
    halving: { minEpochs: 1, factor: 2 },
  },
  'sweep.json',
);
const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, any>;

describe('planSweep', () => {
  const sweep = planSweep(spec, { now });

  it('names the sweep <name>-<UTC stamp> and holds the completed spec and every trial, pending', () => {
    expect(sweep).toMatchObject({
      schemaVersion: 1,
      sweepId: 'lr-check-20261125-210412',
      createdAt: '2026-11-25T21:04:12.000Z',
      updatedAt: '2026-11-25T21:04:12.000Z',
      spec,
    });
    expect(sweep.trials.map((t) => [t.trial, t.state])).toEqual([
      [0, 'pending'],
      [1, 'pending'],
      [2, 'pending'],
      [3, 'pending'],
    ]);
    // The stored spec is a spec: expanding it again gives the same trials.
    expect(parseSweepSpec(sweep.spec, 'sweep.json')).toEqual(spec);
  });

  it('with halving, lists the rungs and starts every trial at rung 0', () => {
    expect(sweep.rungs).toEqual([1, 2, 4]);
    expect(sweep.trials.every((t) => t.rung === 0 && t.rungBestValAcc?.length === 0)).toBe(true);
  });

  it('has no halving fields without halving', () => {
    const { halving: _, ...plain } = spec;
    const sweepWithout = planSweep(plain, { now });
    expect(sweepWithout).not.toHaveProperty('rungs');
    expect(sweepWithout.trials[0]).not.toHaveProperty('rung');
  });
});

describe('validateSweepJson', () => {
  const sweep = planSweep(spec, { now });

  it('reads what planSweep writes', () => {
    expect(validateSweepJson(roundTrip(sweep), FILE)).toEqual(sweep);
  });

  it("keeps unknown fields, a newer build's, at every level", () => {
    const value = roundTrip(sweep);
    value.queue = { name: 'trials' };
    value.trials[0].worker = 'host-a';
    value.spec.priority = 2;
    const read = validateSweepJson(value, FILE) as any;
    expect([read.queue, read.trials[0].worker, read.spec.priority]).toEqual([
      { name: 'trials' },
      'host-a',
      2,
    ]);
  });

  it('reads a diverged rung score written as null as NaN', () => {
    const value = roundTrip(sweep);
    value.trials[0].rungBestValAcc = [null];
    expect(validateSweepJson(value, FILE).trials[0]?.rungBestValAcc).toEqual([Number.NaN]);
  });

  it.each([
    [
      "trials[1].state must be one of 'pending', 'running', 'paused', 'completed', 'failed', 'pruned', got \"done\"",
      (s: any) => (s.trials[1].state = 'done'),
    ],
    [
      'trials[0].runId must be a run id (letters, digits, - and _), got "../x"',
      (s: any) => (s.trials[0].runId = '../x'),
    ],
    [
      'trials[0].config.epochs must be a positive integer, got 0',
      (s: any) => (s.trials[0].config.epochs = 0),
    ],
    ['trials[2].rung must be a non-negative integer, got -1', (s: any) => (s.trials[2].rung = -1)],
    [
      'spec.seeds must be a non-empty list of seeds, got an array of 0',
      (s: any) => (s.spec.seeds = []),
    ],
    ['schemaVersion must be 1', (s: any) => (s.schemaVersion = 2)],
    ['createdAt must be an ISO date-time string', (s: any) => (s.createdAt = 'today')],
  ])('rejects a bad field: "%s"', (message, edit) => {
    const value = roundTrip(sweep);
    edit(value);
    expect(() => validateSweepJson(value, FILE)).toThrow(RunFileError);
    expect(() => validateSweepJson(value, FILE)).toThrow(`${FILE}: ${message}`);
  });
});
