import type { Evaluation, Sample } from '@fashion-lab/run';
import { encodeBase64 } from '@fashion-lab/run';

const NUM_CLASSES = 10;
const IMAGE_PIXELS = 784;
/** Gallery samples kept per (label, predicted) cell of the confusion matrix. */
export const SAMPLES_PER_CELL = 12;

/** Rounds a probability for evaluation.json: 6 decimals is plenty, and keeps the file small. */
function roundProbability(p: number): number {
  return Math.round(Math.min(1, Math.max(0, p)) * 1e6) / 1e6;
}

/**
 * Builds an Evaluation from a model's test-set probabilities (`n * 10`, row per image), the true
 * labels and the images themselves (for gallery samples). Pure: the web and tests use it without
 * tfjs. `testLoss` is computed by the caller, which knows how it was measured.
 */
export function evaluatePredictions(
  probs: Float32Array,
  labels: Uint8Array,
  images: Uint8Array,
  testLoss: number,
): Evaluation {
  const n = labels.length;
  if (probs.length !== n * NUM_CLASSES) {
    throw new RangeError(
      `evaluatePredictions: ${probs.length} probabilities for ${n} labels (expected ${n * NUM_CLASSES})`,
    );
  }
  if (images.length !== n * IMAGE_PIXELS) {
    throw new RangeError(
      `evaluatePredictions: ${images.length} pixels for ${n} labels (expected ${n * IMAGE_PIXELS})`,
    );
  }
  const confusion = Array.from({ length: NUM_CLASSES }, () =>
    new Array<number>(NUM_CLASSES).fill(0),
  );
  const predictions = new Uint8Array(n);
  // Candidates per cell: index and confidence in the predicted class.
  const cells: { index: number; confidence: number }[][] = Array.from(
    { length: NUM_CLASSES * NUM_CLASSES },
    () => [],
  );
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (label >= NUM_CLASSES)
      throw new RangeError(`evaluatePredictions: label ${label} of image ${i} is not a class 0..9`);
    let predicted = 0;
    let best = probs[i * NUM_CLASSES]!;
    for (let c = 1; c < NUM_CLASSES; c++) {
      const p = probs[i * NUM_CLASSES + c]!;
      if (p > best) {
        best = p;
        predicted = c;
      }
    }
    predictions[i] = predicted;
    confusion[label]![predicted]!++;
    if (label === predicted) correct++;
    cells[label * NUM_CLASSES + predicted]!.push({ index: i, confidence: best });
  }

  const perClass = confusion.map((row, label) => {
    const truePositives = row[label]!;
    const actual = row.reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((sum, r) => sum + r[label]!, 0);
    const precision = predictedAs === 0 ? 0 : truePositives / predictedAs;
    const recall = actual === 0 ? 0 : truePositives / actual;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1 };
  });

  const samples: Sample[] = [];
  cells.forEach((candidates, cell) => {
    candidates.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
    for (const { index } of candidates.slice(0, SAMPLES_PER_CELL)) {
      samples.push({
        index,
        label: Math.floor(cell / NUM_CLASSES),
        predicted: cell % NUM_CLASSES,
        probs: Array.from(
          probs.subarray(index * NUM_CLASSES, (index + 1) * NUM_CLASSES),
          roundProbability,
        ),
        pixels: encodeBase64(images.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS)),
      });
    }
  });

  return {
    testLoss,
    testAcc: n === 0 ? 0 : correct / n,
    confusion,
    perClass,
    predictions: encodeBase64(predictions),
    samples,
  };
}
