// The public door of @fashion-lab/core: what the front ends use, plus the documented extension
// points (drive training with your own reporters, add a model, pick an optimizer). Runs anywhere:
// Node-only parts are in `@fashion-lab/core/node`. Run-file types and readers are in @fashion-lab/run.

// Configs and the training loop (reporters are @fashion-lab/run's `Reporter`).
export { describeAugmentation } from './training/augment-presets.js';
export { ConfigError, validateConfig } from './training/validate-config.js';
export { validateSweepTrials } from './training/validate-sweep-trials.js';
export type { NewRunConfig } from './training/new-run-config.js';
export { train, type TrainOptions } from './training/train.js';

// Models and optimizers: MODELS adds a `build` to each of @fashion-lab/run's MODEL_TABLE entries.
export type { ModelSpec } from './models/model-spec.js';
export { MODELS } from './models/registry.js';
export { createOptimizer } from './optimizers/registry.js';
export { NadamOptimizer } from './optimizers/nadam.js';

// Predicting and evaluating with a trained model (the web's Try it page runs these in the browser).
export {
  predictBatch,
  predictProbabilities,
  type PredictOptions,
} from './evaluation/predict-probabilities.js';
export { evaluateModel } from './evaluation/evaluate-model.js';
export { preprocessBitmap, type Bitmap } from './preprocess/preprocess-bitmap.js';

// Explanations of a trained model (pure tfjs and umap-js, so a browser computes them too).
export {
  SALIENCY_METHODS,
  saliencyMaps,
  type SaliencyMethod,
  type SaliencyOptions,
} from './explain/saliency-maps.js';
export { gradCamLayer } from './explain/grad-cam.js';
export { DEFAULT_SMOOTH_GRAD, type SmoothGradParameters } from './explain/smooth-grad.js';
export {
  penultimateActivations,
  type LayerActivations,
} from './explain/penultimate-activations.js';
export { DEFAULT_UMAP, umapEmbedding, type UmapParameters } from './explain/umap-embedding.js';
export { explainSamples } from './explain/explain-samples.js';
export { embedTestSet } from './explain/embed-test-set.js';
export { explainRun } from './explain/explain-run.js';
