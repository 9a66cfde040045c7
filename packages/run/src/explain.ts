import * as v from 'valibot';
import { fail, parseWithSchema } from './parse-with-schema.js';
import {
  arrayOf,
  base64Of,
  classIndex,
  inRange,
  integer,
  nonEmptyString,
  nonNegativeInteger,
  oneOf,
  positiveInteger,
  record,
  seconds,
  type Fields,
} from './schema-pieces.js';

/** The saliency methods a heatmap can come from. */
export const EXPLAIN_METHODS = ['grad-cam', 'smoothgrad'] as const;

/** One heatmap: where the model looked in test image `index` for class `class`. */
export const HeatmapSchema = record({
  /** Index in the test set (as in evaluation.json's samples). */
  index: nonNegativeInteger,
  /** The class explained: the predicted one, and for a mistake also the true one. */
  class: classIndex,
  method: oneOf(EXPLAIN_METHODS),
  /** base64 of 784 bytes, row after row: 0 no heat .. 255 the map's hottest pixel. */
  pixels: base64Of(784, 'a 28x28 heatmap'),
});

const EXPLAIN_FIELDS = {
  /** Grad-CAM's layer: the model's last convolution (absent for a model without one). */
  gradCam: v.exactOptional(record({ layer: nonEmptyString })),
  /** SmoothGrad of gradient x input (positive part): copies, noise std (pixels 0..1), seed. */
  smoothGrad: v.exactOptional(
    record({ samples: positiveInteger, noise: inRange(0, 1), seed: integer }),
  ),
  heatmaps: arrayOf(HeatmapSchema),
  /** How long computing the file took. */
  seconds: v.exactOptional(seconds),
};

/**
 * runs/<runId>/explain.json (optional): a saliency heatmap for every evaluation sample's predicted
 * class and, for a mistake, its true class too, by each method the model allows.
 */
export const ExplainSchema = record(EXPLAIN_FIELDS);

export type Heatmap = Fields<typeof HeatmapSchema.entries>;
export type Explain = Omit<Fields<typeof EXPLAIN_FIELDS>, 'heatmaps'> & { heatmaps: Heatmap[] };

/** Validates a parsed explain.json; a heatmap's method must have its parameters. Unknown fields are kept. */
export function validateExplain(value: unknown, file: string): Explain {
  const explain = parseWithSchema(ExplainSchema, value, { file, path: '' }) as Explain;
  explain.heatmaps.forEach((heatmap, i) => {
    const described = heatmap.method === 'grad-cam' ? explain.gradCam : explain.smoothGrad;
    if (described === undefined) {
      const field = heatmap.method === 'grad-cam' ? 'gradCam' : 'smoothGrad';
      fail(
        { file, path: `heatmaps[${i}].method` },
        `a method whose parameters the file has (${field} is missing)`,
        heatmap.method,
      );
    }
  });
  return explain;
}
