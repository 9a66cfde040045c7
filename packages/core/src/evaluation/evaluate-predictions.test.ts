import { describe, expect, it } from 'vitest';
import { decodeBase64, mostConfusedPairs } from '@fashion-lab/run';
import { evaluatePredictions } from './evaluate-predictions.js';

/** Probabilities that put `confidence` on `predicted` and share the rest evenly. */
function row(predicted: number, confidence: number): number[] {
  return Array.from({ length: 10 }, (_, c) =>
    c === predicted ? confidence : (1 - confidence) / 9,
  );
}

/** Images whose first pixel is their index, so samples can be traced back. */
function images(n: number): Uint8Array {
  const pixels = new Uint8Array(n * 784);
  for (let i = 0; i < n; i++) pixels[i * 784] = i;
  return pixels;
}

describe('evaluatePredictions', () => {
  // Five images: 0 right (0), 1 right (0), 2 is a 1 taken for 0, 3 right (1), 4 is a 2 taken for 1.
  const labels = new Uint8Array([0, 0, 1, 1, 2]);
  const probs = new Float32Array([
    ...row(0, 0.9),
    ...row(0, 0.6),
    ...row(0, 0.7),
    ...row(1, 0.8),
    ...row(1, 0.5),
  ]);
  const evaluation = evaluatePredictions(probs, labels, images(5), 0.42);

  it('counts the confusion matrix as [true][predicted] and the accuracy', () => {
    expect(evaluation.confusion[0]!.slice(0, 3)).toEqual([2, 0, 0]);
    expect(evaluation.confusion[1]!.slice(0, 3)).toEqual([1, 1, 0]);
    expect(evaluation.confusion[2]!.slice(0, 3)).toEqual([0, 1, 0]);
    expect(evaluation.confusion.flat().reduce((a, b) => a + b)).toBe(5);
    expect(evaluation.testAcc).toBeCloseTo(3 / 5);
    expect(evaluation.testLoss).toBe(0.42);
  });

  it('scores each class, with 0 where a denominator is empty', () => {
    const [c0, c1, c2, c3] = evaluation.perClass;
    expect(c0).toEqual({ label: 0, precision: 2 / 3, recall: 1, f1: 0.8 });
    expect(c1).toEqual({ label: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(c2).toEqual({ label: 2, precision: 0, recall: 0, f1: 0 });
    expect(c3).toEqual({ label: 3, precision: 0, recall: 0, f1: 0 });
  });

  it('stores one predicted class per image as base64', () => {
    expect([...decodeBase64(evaluation.predictions)]).toEqual([0, 0, 0, 1, 1]);
  });

  it('keeps samples for every cell, diagonal included, most confident first', () => {
    expect(evaluation.samples.map((s) => [s.label, s.predicted, s.index])).toEqual([
      [0, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
      [1, 1, 3],
      [2, 1, 4],
    ]);
    const sample = evaluation.samples[2]!;
    expect(sample.probs).toHaveLength(10);
    expect(sample.probs[0]).toBeCloseTo(0.7, 6);
    const pixels = decodeBase64(sample.pixels);
    expect(pixels).toHaveLength(784);
    expect(pixels[0]).toBe(2);
  });

  it('keeps at most 12 samples a cell, the most confident', () => {
    const n = 15;
    const confidences = Array.from({ length: n }, (_, i) => 0.2 + ((i * 7) % n) / 30);
    const many = evaluatePredictions(
      new Float32Array(confidences.flatMap((c) => row(3, c))),
      new Uint8Array(n).fill(5),
      images(n),
      0,
    );
    expect(many.samples).toHaveLength(12);
    const kept = many.samples.map((s) => confidences[s.index]!);
    expect(kept).toEqual([...confidences].sort((a, b) => b - a).slice(0, 12));
    expect(many.testAcc).toBe(0);
  });

  it('rejects arrays of the wrong size', () => {
    expect(() => evaluatePredictions(new Float32Array(9), new Uint8Array(1), images(1), 0)).toThrow(
      RangeError,
    );
    expect(() =>
      evaluatePredictions(new Float32Array(10), new Uint8Array(1), images(2), 0),
    ).toThrow(RangeError);
  });
});

describe('mostConfusedPairs', () => {
  it('lists the off-diagonal cells by count, largest first', () => {
    const confusion = Array.from({ length: 10 }, (_, i) =>
      Array.from({ length: 10 }, (_, j): number => (i === j ? 100 : 0)),
    );
    confusion[6]![0] = 40;
    confusion[0]![6] = 25;
    confusion[4]![2] = 30;
    confusion[9]![7] = 1;
    expect(mostConfusedPairs(confusion, 3)).toEqual([
      { label: 6, predicted: 0, count: 40 },
      { label: 4, predicted: 2, count: 30 },
      { label: 0, predicted: 6, count: 25 },
    ]);
    expect(mostConfusedPairs(confusion)).toHaveLength(4);
  });
});
