import { encodeBase64 } from '../base64.js';
import type { Evaluation, Sample } from '../evaluation.js';

const NUM_CLASSES = 10;
const IMAGE_PIXELS = 784;

/** A gallery sample to draw: which image, its classes, and its rank in its confusion cell. */
export interface SampleSlot {
  /** Index of the image in the test set. */
  index: number;
  label: number;
  predicted: number;
  /** 0 for the first sample of its (label, predicted) cell, 1 for the next, ... */
  rank: number;
}

/** What `fixtureEvaluation` evaluates. */
export interface FixtureEvaluationInput {
  /** Each test image's true class. */
  labels: ArrayLike<number>;
  /** Each test image's predicted class. */
  predicted: ArrayLike<number>;
  testLoss: number;
  /**
   * The probabilities and pixels of a sample; called cell by cell (label, then predicted class),
   * rank by rank. Default: all probability on the predicted class, a black image.
   */
  sample?: (slot: SampleSlot) => { probs: number[]; pixels: Uint8Array };
  /** Samples kept per confusion cell (default 12, as core keeps). */
  samplesPerCell?: number;
}

function oneHotSample({ predicted }: SampleSlot): { probs: number[]; pixels: Uint8Array } {
  const probs = new Array<number>(NUM_CLASSES).fill(0);
  probs[predicted] = 1;
  return { probs, pixels: new Uint8Array(IMAGE_PIXELS) };
}

/**
 * A valid evaluation.json for test images with these true and predicted classes: the confusion
 * matrix, per-class precision/recall/F1, the predictions and up to `samplesPerCell` samples of
 * every cell (its first images), drawn by `sample`.
 */
export function fixtureEvaluation(input: FixtureEvaluationInput): Evaluation {
  const { labels, predicted } = input;
  if (labels.length !== predicted.length) {
    throw new RangeError(
      `fixtureEvaluation: ${labels.length} labels but ${predicted.length} predicted classes`,
    );
  }
  const confusion = Array.from({ length: NUM_CLASSES }, () =>
    new Array<number>(NUM_CLASSES).fill(0),
  );
  const cells: number[][] = Array.from({ length: NUM_CLASSES * NUM_CLASSES }, () => []);
  const perCell = input.samplesPerCell ?? 12;
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index]!;
    const guess = predicted[index]!;
    for (const [what, value] of [
      ['label', label],
      ['predicted class', guess],
    ] as const) {
      if (!Number.isInteger(value) || value < 0 || value >= NUM_CLASSES) {
        throw new RangeError(
          `fixtureEvaluation: image ${index} has ${what} ${value}, not a class 0..9`,
        );
      }
    }
    confusion[label]![guess]! += 1;
    const cell = cells[label * NUM_CLASSES + guess]!;
    if (cell.length < perCell) cell.push(index);
  }
  const perClass = confusion.map((row, label) => {
    const truePositives = row[label]!;
    const actual = row.reduce((sum, count) => sum + count, 0);
    const predictedAs = confusion.reduce((sum, other) => sum + other[label]!, 0);
    const precision = predictedAs === 0 ? 0 : truePositives / predictedAs;
    const recall = actual === 0 ? 0 : truePositives / actual;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1 };
  });
  const draw = input.sample ?? oneHotSample;
  const samples: Sample[] = cells.flatMap((indexes, cell) =>
    indexes.map((index, rank) => {
      const slot = {
        index,
        label: Math.floor(cell / NUM_CLASSES),
        predicted: cell % NUM_CLASSES,
        rank,
      };
      const { probs, pixels } = draw(slot);
      const { rank: _rank, ...where } = slot;
      return { ...where, probs, pixels: encodeBase64(pixels) };
    }),
  );
  const correct = confusion.reduce((sum, row, label) => sum + row[label]!, 0);
  return {
    testLoss: input.testLoss,
    testAcc: labels.length === 0 ? 0 : correct / labels.length,
    confusion,
    perClass,
    predictions: encodeBase64(Uint8Array.from(predicted)),
    samples,
  };
}

/**
 * Test images that give exactly `confusion` (confusion[true][predicted] counts), ordered cell by
 * cell, so a scenario can start from the matrix it wants to show.
 */
export function imagesOfConfusion(confusion: readonly (readonly number[])[]): {
  labels: Uint8Array;
  predicted: Uint8Array;
} {
  const total = confusion.flat().reduce((sum, count) => sum + count, 0);
  const labels = new Uint8Array(total);
  const predicted = new Uint8Array(total);
  let index = 0;
  confusion.forEach((row, label) => {
    row.forEach((count, guess) => {
      labels.fill(label, index, index + count);
      predicted.fill(guess, index, index + count);
      index += count;
    });
  });
  return { labels, predicted };
}
