import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../base64.js';
import { validateEvaluation } from '../evaluation.js';
import { parseMetricsLines } from '../metrics-lines.js';
import { fixtureEvaluation, imagesOfConfusion, type SampleSlot } from './evaluation-fixture.js';
import { metricsJsonl, testMetricsLines } from './metrics-fixtures.js';

describe('fixtureEvaluation', () => {
  // Five images: classes 0, 0, 1, 1, 2 read as 0, 1, 1, 1, 0.
  const images = { labels: [0, 0, 1, 1, 2], predicted: [0, 1, 1, 1, 0], testLoss: 0.7 };

  it('counts the confusion matrix, accuracy and predictions of the images', () => {
    const evaluation = fixtureEvaluation(images);
    expect(evaluation.confusion.slice(0, 3).map((row) => row.slice(0, 3))).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
    expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(5);
    expect(evaluation.testAcc).toBe(3 / 5);
    expect(evaluation.testLoss).toBe(0.7);
    expect([...decodeBase64(evaluation.predictions)]).toEqual(images.predicted);
  });

  it('computes precision, recall and F1 per class, 0 for a class never predicted', () => {
    const [zero, one, two] = fixtureEvaluation(images).perClass;
    // Class 0: predicted for images 0 and 4, right once; one of its two images found.
    expect(zero).toEqual({ label: 0, precision: 1 / 2, recall: 1 / 2, f1: 1 / 2 });
    // Class 1: predicted for images 1, 2, 3, right twice; both its images found.
    expect(one).toEqual({ label: 1, precision: 2 / 3, recall: 1, f1: 0.8 });
    expect(two).toEqual({ label: 2, precision: 0, recall: 0, f1: 0 });
  });

  it('keeps the first images of every cell as samples, drawn cell by cell, rank by rank', () => {
    const slots: SampleSlot[] = [];
    const evaluation = fixtureEvaluation({
      labels: [1, 0, 1, 1, 0],
      predicted: [1, 0, 1, 1, 1],
      testLoss: 1,
      samplesPerCell: 2,
      sample: (slot) => {
        slots.push(slot);
        return { probs: [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0], pixels: new Uint8Array(784).fill(7) };
      },
    });
    expect(slots).toEqual([
      { index: 1, label: 0, predicted: 0, rank: 0 },
      { index: 4, label: 0, predicted: 1, rank: 0 },
      { index: 0, label: 1, predicted: 1, rank: 0 },
      { index: 2, label: 1, predicted: 1, rank: 1 },
    ]);
    expect(evaluation.samples.map((s) => s.index)).toEqual([1, 4, 0, 2]);
    expect([...decodeBase64(evaluation.samples[0]!.pixels)]).toEqual(new Array(784).fill(7));
  });

  it('gives an evaluation.json the reader accepts', () => {
    const evaluation = fixtureEvaluation(images);
    expect(validateEvaluation(JSON.parse(JSON.stringify(evaluation)), 'e.json')).toEqual(
      evaluation,
    );
  });

  it('refuses an image whose class is not 0..9, naming the image', () => {
    expect(() => fixtureEvaluation({ labels: [0, 10], predicted: [0, 0], testLoss: 1 })).toThrow(
      'fixtureEvaluation: image 1 has label 10, not a class 0..9',
    );
  });
});

describe('imagesOfConfusion', () => {
  it('gives images, cell by cell, whose evaluation has that confusion matrix', () => {
    const confusion = Array.from({ length: 10 }, (_, label) =>
      Array.from({ length: 10 }, (_, predicted) => (label === predicted ? 3 : label === 6 ? 1 : 0)),
    );
    const images = imagesOfConfusion(confusion);
    expect(images.labels).toHaveLength(30 + 9);
    expect([...images.labels.slice(0, 4)]).toEqual([0, 0, 0, 1]);
    expect(fixtureEvaluation({ ...images, testLoss: 1 }).confusion).toEqual(confusion);
  });
});

describe('testMetricsLines', () => {
  it('gives each epoch its batch lines, then its epoch line, all valid metrics.jsonl lines', () => {
    const lines = testMetricsLines(2, {
      batches: 20,
      batchLinesAt: [10, 20],
      epoch: (epoch) => ({ valAcc: 0.5 + epoch / 10 }),
      batch: (epoch, batch) => ({ loss: 1 / (epoch * batch) }),
    });
    expect(lines.map((line) => [line.type, line.epoch])).toEqual([
      ['batch', 1],
      ['batch', 1],
      ['epoch', 1],
      ['batch', 2],
      ['batch', 2],
      ['epoch', 2],
    ]);
    expect(lines[4]).toMatchObject({ batch: 20, batches: 20, loss: 1 / 40 });
    expect(lines[5]).toMatchObject({ valAcc: 0.7 });
    expect(parseMetricsLines(metricsJsonl(lines), 'metrics.jsonl')).toEqual({
      lines,
      skipped: [],
    });
  });
});
