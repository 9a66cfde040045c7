import { fail, parseWithSchema } from './parse-with-schema.js';
import {
  arrayOf,
  base64Of,
  classIndex,
  fraction,
  metric,
  nonNegativeInteger,
  record,
  type Fields,
} from './schema-pieces.js';
import { base64DecodedLength } from './base64.js';

const NUM_CLASSES = 10;
const IMAGE_PIXELS = 784;

/** One test image kept for galleries: a cell of the confusion matrix can be drilled into. */
export const SampleSchema = record({
  /** Index in the test set. */
  index: nonNegativeInteger,
  label: classIndex,
  predicted: classIndex,
  /** The model's 10 class probabilities. */
  probs: arrayOf(fraction, NUM_CLASSES),
  /** base64 of the 784 image bytes. */
  pixels: base64Of(IMAGE_PIXELS, 'a 28x28 image'),
});

const PerClassSchema = record({
  label: classIndex,
  precision: fraction,
  recall: fraction,
  f1: fraction,
});

const EVALUATION_FIELDS = {
  testLoss: metric,
  testAcc: fraction,
  /** confusion[true][predicted] counts, 10x10. */
  confusion: arrayOf(arrayOf(nonNegativeInteger, NUM_CLASSES), NUM_CLASSES),
  perClass: arrayOf(PerClassSchema, NUM_CLASSES),
  /** base64 of one byte per test image: the predicted class (length checked against confusion). */
  predictions: base64Of(undefined, 'one predicted class per image in the confusion matrix'),
  /** Up to 12 per (label, predicted) cell, most confident first. */
  samples: arrayOf(SampleSchema),
};

/** runs/<runId>/evaluation.json: the final model on the full test set. */
export const EvaluationSchema = record(EVALUATION_FIELDS);

export type Sample = Fields<typeof SampleSchema.entries>;
export type Evaluation = Omit<Fields<typeof EVALUATION_FIELDS>, 'samples' | 'perClass'> & {
  perClass: Fields<typeof PerClassSchema.entries>[];
  samples: Sample[];
};

/**
 * Validates a parsed evaluation.json: a 10x10 confusion matrix, 10 per-class rows, predictions
 * with one byte per counted test image, well-formed samples. Unknown fields are kept.
 */
export function validateEvaluation(value: unknown, file: string): Evaluation {
  const evaluation = parseWithSchema(EvaluationSchema, value, { file, path: '' }) as Evaluation;
  const total = evaluation.confusion.flat().reduce((sum, count) => sum + count, 0);
  const predicted = base64DecodedLength(evaluation.predictions);
  if (predicted !== total) {
    fail(
      { file, path: 'predictions' },
      `base64 of ${total} bytes (one predicted class per image in the confusion matrix)`,
      `${predicted} bytes`,
    );
  }
  return evaluation;
}
