import { describe, expect, it } from 'vitest';
import type { ReportRun } from '../report-data.js';
import type { EpochEvent, RunJson, Sample } from '../run-types.js';
import { answerSentence } from './answer.js';
import { datasetPreview } from './dataset-preview.js';
import { correctExamples, misclassifiedExamples } from './gallery.js';
import { overfittingNote } from './overfitting.js';
import { bestBy, bestRun, compareRuns } from './rank-runs.js';
import { ExperimentNotFoundError, selectRuns } from './select-runs.js';

function epoch(n: number, valAcc: number, valLoss = 0.4, acc = valAcc, loss = valLoss): EpochEvent {
  return { type: 'epoch', epoch: n, loss, acc, valLoss, valAcc, lr: 0.001, seconds: 1 };
}

function makeRun(options: {
  id: string;
  model?: RunJson['config']['model'];
  optimizer?: RunJson['config']['optimizer'];
  createdAt?: string;
  experiment?: string;
  testAcc?: number;
  epochs?: EpochEvent[];
}): ReportRun {
  const run = {
    schemaVersion: 1,
    runId: options.id,
    status: options.testAcc === undefined ? 'running' : 'completed',
    pid: 1,
    heartbeatAt: '2026-01-01T00:00:00.000Z',
    createdAt: options.createdAt ?? '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    config: {
      model: options.model ?? 'dense',
      optimizer: options.optimizer ?? 'adam',
      learningRate: 0.001,
      epochs: 3,
      batchSize: 32,
      validationSplit: 0.1,
      seed: 1,
      augment: 'off',
      workers: 1,
      backend: 'auto',
      dataset: 'fashion-mnist',
    },
    backend: 'cpu',
    params: 10,
    layers: [],
    versions: {},
    command: 'train',
    ...(options.experiment === undefined ? {} : { experiment: options.experiment }),
    ...(options.testAcc === undefined
      ? {}
      : {
          summary: {
            testAcc: options.testAcc,
            testLoss: 0.3,
            bestValAcc: options.testAcc,
            bestEpoch: 1,
            seconds: 3,
          },
        }),
  } satisfies RunJson;
  return { dir: options.id, run, epochs: options.epochs ?? [] };
}

describe('selectRuns', () => {
  const runs = [
    makeRun({ id: 'old-1', experiment: 'study-a', createdAt: '2026-01-01T00:00:00Z' }),
    makeRun({ id: 'single', createdAt: '2026-01-01T12:00:00Z' }),
    makeRun({ id: 'new-2', experiment: 'study-b', createdAt: '2026-01-02T00:05:00Z' }),
    makeRun({ id: 'new-1', experiment: 'study-b', createdAt: '2026-01-02T00:00:00Z' }),
  ];

  it('takes the latest experiment plus single runs by default, in creation order', () => {
    const selection = selectRuns(runs);
    expect(selection.runs.map((item) => item.dir)).toEqual(['single', 'new-1', 'new-2']);
    expect(selection.experiment).toBe('study-b');
    expect(selection.selection).toBe('experiment study-b (2 runs) and 1 single run');
  });

  it('takes only the named experiment', () => {
    expect(selectRuns(runs, { experiment: 'study-a' }).runs.map((item) => item.dir)).toEqual([
      'old-1',
    ]);
  });

  it('takes every run with all', () => {
    expect(selectRuns(runs, { all: true }).runs).toHaveLength(4);
  });

  it('names the experiments there are when asked for an unknown one', () => {
    expect(() => selectRuns(runs, { experiment: 'nope' })).toThrow(ExperimentNotFoundError);
    expect(() => selectRuns(runs, { experiment: 'nope' })).toThrow(
      'experiments found: study-a, study-b',
    );
  });
});

describe('ranking runs', () => {
  it('ranks by test accuracy, then best validation accuracy, then age, then id', () => {
    const runs = [
      makeRun({ id: 'b', epochs: [epoch(1, 0.95)] }),
      makeRun({ id: 'c', testAcc: 0.9, createdAt: '2026-01-02T00:00:00Z' }),
      makeRun({ id: 'a', testAcc: 0.9, createdAt: '2026-01-02T00:00:00Z' }),
      makeRun({ id: 'd', testAcc: 0.91 }),
      makeRun({ id: 'e' }),
    ];
    expect([...runs].sort(compareRuns).map((item) => item.dir)).toEqual(['d', 'a', 'c', 'b', 'e']);
    expect(bestRun(runs)?.dir).toBe('d');
  });

  it('has no best run when nothing has a result', () => {
    expect(bestRun([makeRun({ id: 'a' })])).toBeUndefined();
  });

  it('keeps the best run of each group', () => {
    const runs = [
      makeRun({ id: 'x1', optimizer: 'sgd', testAcc: 0.8 }),
      makeRun({ id: 'x2', optimizer: 'sgd', testAcc: 0.85 }),
      makeRun({ id: 'y', optimizer: 'adam', testAcc: 0.7 }),
    ];
    const best = bestBy(runs, (item) => item.run.config.optimizer);
    expect([...best.entries()].map(([key, item]) => [key, item.dir])).toEqual([
      ['sgd', 'x2'],
      ['adam', 'y'],
    ]);
  });
});

describe('answerSentence', () => {
  it.each([
    {
      why: 'compares the best run with the best run of another model',
      runs: [
        makeRun({ id: 'a', model: 'cnn-regularized', testAcc: 0.9234 }),
        makeRun({ id: 'b', model: 'cnn-regularized', testAcc: 0.92 }),
        makeRun({ id: 'c', model: 'cnn', testAcc: 0.911 }),
      ],
      expected:
        'The regularized CNN with Adam at learning rate 0.001 is best at 92.3% test accuracy, 1.2 points ahead of the best other model, the CNN with Adam at learning rate 0.001 (91.1%).',
    },
    {
      why: 'compares with the next run when all runs share a model',
      runs: [
        makeRun({ id: 'a', optimizer: 'sgd', testAcc: 0.85 }),
        makeRun({ id: 'b', optimizer: 'nadam', testAcc: 0.88 }),
      ],
      expected:
        'The dense net with Nadam at learning rate 0.001 is best at 88.0% test accuracy, 3.0 points ahead of the next run, the dense net with SGD at learning rate 0.001 (85.0%).',
    },
    {
      why: 'calls a lead under 0.05 points a tie',
      runs: [
        makeRun({ id: 'a', optimizer: 'nadam', testAcc: 0.8926 }),
        makeRun({ id: 'b', model: 'cnn', testAcc: 0.8925 }),
      ],
      expected:
        'The dense net with Nadam at learning rate 0.001 and the CNN with Adam at learning rate 0.001 are level at the top with 89.3% test accuracy (to 0.1 points).',
    },
    {
      why: 'says when a run is the only evaluated one',
      runs: [
        makeRun({ id: 'a', model: 'cnn', testAcc: 0.9 }),
        makeRun({ id: 'b', epochs: [epoch(1, 0.95)] }),
      ],
      expected:
        'The CNN with Adam at learning rate 0.001 reached 90.0% test accuracy; it is the only evaluated run.',
    },
    {
      why: 'falls back to validation accuracy before any test result',
      runs: [makeRun({ id: 'a', epochs: [epoch(1, 0.8), epoch(2, 0.83)] })],
      expected:
        'No run has been evaluated on the test set yet; the best validation accuracy so far is 83.0%, by the dense net with Adam at learning rate 0.001.',
    },
    {
      why: 'has no answer without any epoch',
      runs: [makeRun({ id: 'a' })],
      expected: 'No run has finished an epoch yet, so there is no answer yet.',
    },
  ])('$why', ({ runs, expected }) => {
    expect(answerSentence(runs)).toBe(expected);
  });
});

describe('overfittingNote', () => {
  it('says where validation loss bottomed out', () => {
    const note = overfittingNote([
      epoch(1, 0.8, 0.5, 0.8),
      epoch(2, 0.85, 0.4, 0.9),
      epoch(3, 0.84, 0.45, 0.95),
    ]);
    expect(note).toBe(
      'Validation loss is lowest at epoch 2 (0.400) and ends at 0.450 after epoch 3: the model overfits after epoch 2; training accuracy ends 11.0 points above validation accuracy.',
    );
  });

  it('says when validation loss is still falling', () => {
    expect(overfittingNote([epoch(1, 0.8, 0.5, 0.78), epoch(2, 0.85, 0.4, 0.84)])).toBe(
      'Validation loss is still falling at epoch 2, so no sign of overfitting yet; training accuracy ends 1.0 points below validation accuracy.',
    );
  });
});

describe('galleries', () => {
  const sample = (index: number, label: number, predicted: number, confidence: number): Sample => {
    const probs = new Array<number>(3).fill(0);
    probs[predicted] = confidence;
    return { index, label, predicted, probs, pixels: '' };
  };
  const samples = [
    sample(1, 0, 0, 0.7),
    sample(2, 0, 0, 0.9),
    sample(3, 1, 1, 0.8),
    sample(4, 1, 0, 0.6),
    sample(5, 1, 0, 0.95),
    sample(6, 2, 0, 0.99),
  ];

  it('picks the most confident correct samples per class, in class order', () => {
    expect(correctExamples(samples, 3, 1).map((item) => item.index)).toEqual([2, 3]);
  });

  it('picks the most confident mistakes of each confused pair', () => {
    expect(
      misclassifiedExamples(samples, [{ label: 1, predicted: 0, count: 2 }], 5).map(
        (item) => item.index,
      ),
    ).toEqual([5, 4]);
  });
});

describe('datasetPreview', () => {
  it('counts classes and keeps the first test images of each class in class order', () => {
    const test = {
      images: Uint8Array.from({ length: 5 * 4 }, (_, i) => Math.floor(i / 4)),
      labels: Uint8Array.of(1, 0, 1, 1, 0),
      count: 5,
    };
    const preview = datasetPreview(
      {
        name: 'tiny',
        classNames: ['a', 'b'],
        train: { labels: Uint8Array.of(0, 0, 1), count: 3 },
        test,
      },
      2,
    );
    expect(preview.trainCounts).toEqual([2, 1]);
    expect(preview.testCounts).toEqual([2, 3]);
    expect(preview.examples.map((example) => [example.label, example.pixels[0]])).toEqual([
      [0, 1],
      [0, 4],
      [1, 0],
      [1, 2],
    ]);
  });
});
