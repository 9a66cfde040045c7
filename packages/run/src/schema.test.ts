/* eslint-disable @typescript-eslint/no-explicit-any -- these tests corrupt parsed JSON on purpose */
import { describe, expect, it } from 'vitest';
import { testEvaluation, testRunJson } from './testing/run-fixtures.js';
import { RunFileError } from './run-file-error.js';
import { validateTrainingState } from './checkpoint.js';
import { validateEvaluation } from './evaluation.js';
import { validateRunJson } from './run-json.js';

const FILE = 'runs/x/run.json';

/** A deep copy of the valid run.json with one change made by `edit`. */
function broken(edit: (run: Record<string, any>) => void): unknown {
  const run = JSON.parse(JSON.stringify(testRunJson())) as Record<string, any>;
  edit(run);
  return run;
}

describe('validateRunJson', () => {
  it('accepts a valid run.json and returns the same data', () => {
    const run = testRunJson({ experiment: 'seed-study-20261125-2101' });
    expect(validateRunJson(JSON.parse(JSON.stringify(run)), FILE)).toEqual(run);
  });

  it("keeps unknown fields, a newer build's, at every level, and optional config fields", () => {
    const value = broken((run) => {
      run.extra = 1;
      run.config.lerningRate = 1;
      run.summary.calibration = { ece: 0.02 };
      run.layers[0].dtype = 'float32';
      run.config.limit = 6000;
      run.config.earlyStopping = { patience: 3, restoreBestWeights: true };
      run.config.reduceLrOnPlateau = { factor: 0.5, patience: 2, minLr: 1e-5 };
      run.config.augment = 'flip';
      run.config.tta = 'flip';
      run.summary.testAccWithoutTta = 0.85;
    });
    const run = validateRunJson(value, FILE);
    expect(run).toHaveProperty('extra', 1);
    expect(run.config).toHaveProperty('lerningRate', 1);
    expect(run.summary).toHaveProperty('calibration', { ece: 0.02 });
    expect(run.layers[0]).toHaveProperty('dtype', 'float32');
    // Written back, nothing is lost.
    expect(validateRunJson(JSON.parse(JSON.stringify(run)), FILE)).toEqual(run);
    expect(run.config).toMatchObject({ limit: 6000, earlyStopping: { patience: 3 }, tta: 'flip' });
    expect(run.summary?.testAccWithoutTta).toBe(0.85);
  });

  it('reads the sweep a trial run belongs to; a run without one reads as before', () => {
    const trial = testRunJson({ sweep: { sweepId: 'lr-check-20261125-210412', trial: 3 } });
    expect(validateRunJson(JSON.parse(JSON.stringify(trial)), FILE).sweep).toEqual({
      sweepId: 'lr-check-20261125-210412',
      trial: 3,
    });
    expect(validateRunJson(JSON.parse(JSON.stringify(testRunJson())), FILE)).not.toHaveProperty(
      'sweep',
    );
  });

  it('reads the yes/no augment of runs written before augmentation had names', () => {
    const read = (augment: unknown) =>
      validateRunJson(
        broken((run) => (run.config.augment = augment)),
        FILE,
      ).config.augment;
    expect(read(true)).toBe('full');
    expect(read(false)).toBe('off');
    expect(read('flip')).toBe('flip');
  });

  it.each([
    [
      "config.augment must be one of 'off', 'flip', 'full', got \"some\"",
      (r: any) => (r.config.augment = 'some'),
    ],
    ['config.epochs must be a positive integer, got -1', (r: any) => (r.config.epochs = -1)],
    ['config.model must be one of', (r: any) => (r.config.model = 'resnet')],
    [
      'config.seed must be an integer in [0, 4294967295], got nothing',
      (r: any) => delete r.config.seed,
    ],
    ['config must be an object, got an array of 0', (r: any) => (r.config = [])],
    [
      'config.learningRate must be a positive number, got nothing',
      (r: any) => delete r.config.learningRate,
    ],
    [
      'config.validationSplit must be a number in [0, 1), got 1',
      (r: any) => (r.config.validationSplit = 1),
    ],
    [
      'config.earlyStopping.patience must be a positive integer, got 0',
      (r: any) => (r.config.earlyStopping = { patience: 0, restoreBestWeights: true }),
    ],
    ['schemaVersion must be 1', (r: any) => (r.schemaVersion = 2)],
    [
      "status must be one of 'running', 'completed', 'interrupted', 'failed', got \"done\"",
      (r: any) => (r.status = 'done'),
    ],
    ['heartbeatAt must be an ISO date-time string', (r: any) => (r.heartbeatAt = 'yesterday')],
    [
      'layers[0].outputShape[1] must be a non-negative integer, got -3',
      (r: any) => (r.layers[0].outputShape = [null, -3]),
    ],
    ['versions.tfjs must be a string, got 4', (r: any) => (r.versions.tfjs = 4)],
    ['summary.testAcc must be a number in [0, 1], got 2', (r: any) => (r.summary.testAcc = 2)],
    [
      'summary.testAccWithoutTta must be a number in [0, 1], got -1',
      (r: any) => (r.summary.testAccWithoutTta = -1),
    ],
    ["config.tta must be one of 'off', 'flip', got true", (r: any) => (r.config.tta = true)],
    ['runId must be a non-empty string, got ""', (r: any) => (r.runId = '')],
    [
      'sweep.trial must be a non-negative integer, got -1',
      (r: any) => (r.sweep = { sweepId: 'lr-check-20261125-210412', trial: -1 }),
    ],
  ])('rejects a bad field: "%s"', (message, edit) => {
    const attempt = () => validateRunJson(broken(edit), FILE);
    expect(attempt).toThrow(RunFileError);
    expect(attempt).toThrow(`${FILE}: ${message}`);
  });

  it('rejects a file that is not an object', () => {
    expect(() => validateRunJson([1], FILE)).toThrow(
      `${FILE}: the file must be an object, got an array of 1`,
    );
  });

  it('reads a diverged loss stored as null as NaN', () => {
    const run = validateRunJson(
      broken((r) => (r.summary.testLoss = null)),
      FILE,
    );
    expect(run.summary?.testLoss).toBeNaN();
  });
});

describe('validateEvaluation', () => {
  it('accepts a valid evaluation', () => {
    const evaluation = testEvaluation(3);
    expect(validateEvaluation(JSON.parse(JSON.stringify(evaluation)), 'e.json')).toEqual(
      evaluation,
    );
  });

  it.each([
    ['confusion must be an array of 10', (e: any) => e.confusion.pop()],
    [
      'confusion[2][3] must be a non-negative integer, got 0.5',
      (e: any) => (e.confusion[2][3] = 0.5),
    ],
    ['perClass[1].f1 must be a number in [0, 1], got -1', (e: any) => (e.perClass[1].f1 = -1)],
    ['predictions must be base64 of 3 bytes', (e: any) => (e.predictions = 'AAAAAA==')],
    ['predictions must be base64 of one predicted class', (e: any) => (e.predictions = 'A*A=')],
    ['samples[0].probs must be an array of 10', (e: any) => (e.samples[0].probs = [1])],
    [
      'samples[0].predicted must be a class index 0..9, got 10',
      (e: any) => (e.samples[0].predicted = 10),
    ],
    ['samples[0].pixels must be base64 of 784 bytes', (e: any) => (e.samples[0].pixels = 'AAAA')],
  ])('rejects a bad field: "%s"', (message, edit) => {
    const evaluation = JSON.parse(JSON.stringify(testEvaluation(3))) as Record<string, any>;
    edit(evaluation);
    expect(() => validateEvaluation(evaluation, 'e.json')).toThrow(`e.json: ${message}`);
  });
});

describe('validateTrainingState', () => {
  const state = {
    epoch: 2,
    rngState: [1, 2, 3, 4],
    learningRate: 0.001,
    bestValAcc: 0.8,
    bestEpoch: 2,
    epochsWithoutImprovement: 0,
    plateauEpochs: 1,
    bestValLoss: 0.4,
    seconds: 12.5,
  };

  it('accepts a valid state and turns null bests back into infinities', () => {
    expect(validateTrainingState(state, 's.json')).toEqual(state);
    const fresh = validateTrainingState(
      { ...state, bestValAcc: null, bestValLoss: null },
      's.json',
    );
    expect(fresh.bestValAcc).toBe(-Infinity);
    expect(fresh.bestValLoss).toBe(Infinity);
  });

  it('names the bad field', () => {
    expect(() => validateTrainingState({ ...state, rngState: [1, 'x'] }, 's.json')).toThrow(
      's.json: rngState[1] must be a finite number, got "x"',
    );
  });
});
