// The public door of @fashion-lab/tfjs-wasm-training: what core uses to train fast on tfjs's WASM
// backend. Everything here leaves saved models stock tfjs, so they load anywhere.
export { registerWasmTrainingKernels } from './kernels/register-wasm-training-kernels.js';
export { FusedAdamOptimizer } from './optimizers/fused-adam.js';
export { useClosedFormBatchNormGradients } from './layers/batch-norm-training.js';
export { useSeededDropout } from './layers/seeded-dropout-layers.js';
export { reseedDropout, type SeedSource } from './layers/dropout-seeds.js';
export { silenceTfjsNodeHint } from './silence-node-hint.js';
