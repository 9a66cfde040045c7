import { encodeBase64 } from '../base64.js';
import { encodePoints, type Embedding } from '../embedding.js';
import type { Evaluation } from '../evaluation.js';
import type { Explain, Heatmap } from '../explain.js';

/**
 * A valid explain.json for `evaluation`'s samples, as a run writes it: a SmoothGrad heatmap (and
 * with `gradCam`, a Grad-CAM one) for each sample's predicted class and, for a mistake, its true
 * class. Each heatmap is a ramp from the top-left corner, so views have something to draw.
 */
export function testExplain(evaluation: Evaluation, options: { gradCam?: boolean } = {}): Explain {
  const ramp = encodeBase64(Uint8Array.from({ length: 784 }, (_, i) => ((i % 28) + (i >> 5)) * 4));
  const methods: Heatmap['method'][] = options.gradCam
    ? ['grad-cam', 'smoothgrad']
    : ['smoothgrad'];
  const heatmaps = evaluation.samples.flatMap((sample) =>
    [...new Set([sample.predicted, sample.label])].flatMap((klass) =>
      methods.map((method) => ({ index: sample.index, class: klass, method, pixels: ramp })),
    ),
  );
  return {
    ...(options.gradCam ? { gradCam: { layer: 'conv2d_3' } } : {}),
    smoothGrad: { samples: 16, noise: 0.15, seed: 42 },
    heatmaps,
  };
}

/** A valid embedding.json of `n` points on a circle, with every point predicted as class 0. */
export function testEmbedding(n = 3): Embedding {
  const points = Float32Array.from({ length: 2 * n }, (_, i) =>
    i % 2 === 0 ? Math.cos((i / 2 / n) * 2 * Math.PI) : Math.sin(((i - 1) / 2 / n) * 2 * Math.PI),
  );
  return {
    method: 'umap',
    seed: 42,
    layer: 'dense_1',
    width: 64,
    n,
    nNeighbors: 15,
    minDist: 0.1,
    points: encodePoints(points),
    predicted: encodeBase64(new Uint8Array(n)),
  };
}
