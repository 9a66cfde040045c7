// The public door of @fashion-lab/tfjs-wasm-training: what core uses to train fast on tfjs's WASM
// backend. Models trained with it stay stock tfjs layers, so saved models load anywhere.

// Kernels: register once before training on 'wasm'.
export { registerWasmTrainingKernels } from './kernels/register-wasm-training-kernels.js';

// Matrix products on 'wasm': ours (the default once registered) or, with undefined, XNNPACK's;
// another implementation plugs in here. The peak probe is the bench's measure of the limit.
export {
  activeMatrixProducts,
  useMatrixProducts,
  type MatrixProducts,
  type ProductRequest,
  type ProductShape,
} from './kernels/matrix-products.js';
export { createWasmSimdProducts, oursWins } from './kernels/wasm-simd-products.js';
export { measurePeakMultiplyAdds } from './kernels/peak-probe.js';

// Layer training passes: apply to a model before compiling it for training.
export { useClosedFormBatchNormGradients } from './layers/batch-norm-training.js';
export { useSeededDropout } from './layers/seeded-dropout-layers.js';
export {
  dropoutLayerCount,
  reseedDropout,
  setDropoutSeeds,
  type SeedSource,
} from './layers/dropout-seeds.js';

// Optimizers: a drop-in for tf.train.adam.
export { FusedAdamOptimizer } from './optimizers/fused-adam.js';

// The few tfjs internals core needs for itself (its optimizers and backend setup).
export {
  learningRateField,
  registeredVariable,
  setLearningRateField,
  silenceTfjsNodeHint,
} from './tfjs-internals.js';
