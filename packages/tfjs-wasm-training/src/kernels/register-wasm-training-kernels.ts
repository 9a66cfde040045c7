import * as tf from '@tensorflow/tfjs';
// Registers the WASM backend and its stock kernels, which the replacements wrap.
import '@tensorflow/tfjs-backend-wasm';
import { fastPathsSupported } from '../tfjs-internals.js';
import { ADAM_STEP_KERNEL, adamStepWasm } from './adam-step.js';
import { createBatchMatMulWasm } from './batch-mat-mul.js';
import {
  BATCH_NORM_BACKWARD_KERNEL,
  BATCH_NORM_FORWARD_KERNEL,
  batchNormBackwardWasm,
  batchNormForwardWasm,
} from './batch-norm-kernels.js';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.js';
import { createChannelBiasAddWasm } from './channel-bias-add.js';
import { createConv2dWasm } from './conv2d.js';
import { createConv2dBackpropInputWasm } from './conv2d-backprop-input.js';
import { DROPOUT_KERNEL, dropoutWasm } from './dropout.js';
import { createInferenceBatchNormWasm } from './inference-batch-norm.js';
import { createMaxPoolGradWasm } from './max-pool-grad.js';
import { createReduceLeadingAxesWasm } from './reduce-leading-axes.js';
import { RELU_GRAD_KERNEL, registerReluGradient, reluGradWasm } from './relu-gradient.js';
import { createSharedIdentityWasm, createSharedSameTypeCastWasm } from './shared-identity.js';
import { createTileWasm } from './tile.js';
import { useDefaultMatrixProducts } from './matrix-products.js';
import { createWasmSimdProducts, oursWins } from './wasm-simd-products.js';

/** Kernel functions this module installed, so a second call recognises them and does nothing. */
const installed = new WeakSet<tf.KernelFunc>();

/** Makes a kernel function from the stock kernel it replaces (which it calls where it does not fit). */
type Replacement = (stock: tf.KernelFunc) => tf.KernelFunc;

/** The stock 'wasm' kernels replaced by faster ones for training (and inference). */
const REPLACEMENTS: Record<string, Replacement> = {
  Conv2D: createConv2dWasm,
  Conv2DBackpropInput: createConv2dBackpropInputWasm,
  Tile: createTileWasm,
  MaxPoolGrad: createMaxPoolGradWasm,
  Sum: (stock) => createReduceLeadingAxesWasm('sum', stock),
  Mean: (stock) => createReduceLeadingAxesWasm('mean', stock),
  BatchMatMul: createBatchMatMulWasm,
  Identity: createSharedIdentityWasm,
  Cast: createSharedSameTypeCastWasm,
  Add: createChannelBiasAddWasm,
  FusedBatchNorm: createInferenceBatchNormWasm,
};

/** Kernels of our own, which the fast paths of this package call by name. */
const FUSED_KERNELS: Record<string, tf.KernelFunc> = {
  [RELU_GRAD_KERNEL]: reluGradWasm,
  [DROPOUT_KERNEL]: dropoutWasm,
  [BATCH_NORM_FORWARD_KERNEL]: batchNormForwardWasm as tf.KernelFunc,
  [BATCH_NORM_BACKWARD_KERNEL]: batchNormBackwardWasm as tf.KernelFunc,
  [ADAM_STEP_KERNEL]: adamStepWasm as tf.KernelFunc,
};

/** Every 'wasm' kernel name `registerWasmTrainingKernels` installs a function for. */
export const TRAINING_KERNEL_NAMES: readonly string[] = [
  'Conv2DBackpropFilter',
  ...Object.keys(REPLACEMENTS),
  ...Object.keys(FUSED_KERNELS),
];

/**
 * Registers this package's 'wasm' kernels: what CNN training needs (Conv2DBackpropFilter, which
 * WASM lacks) and what runs much faster than the stock kernels:
 * - BatchMatMul on our own GEMM where it wins (`oursWins`; see `useMatrixProducts`), which the
 *   dense layers and Conv2DBackpropFilter multiply with; Conv2D as im2col + GEMM where the
 *   products take it (ours: patch matrices up to 16 MB);
 * - Conv2DBackpropInput at stride 1, broadcast-only Tile, Sum and Mean over leading axes,
 *   MaxPoolGrad, BatchMatMul with a transposed operand, per-channel bias Add, inference-mode
 *   BatchNorm (FusedBatchNorm);
 * - Identity and same-type Cast sharing memory instead of copying;
 * - fused kernels of our own: ReLU's gradient, seeded dropout, training-mode BatchNorm forward
 *   and backward, Adam's step (most of them SIMD code from assembly/training-kernels.ts).
 * Idempotent; call before training on 'wasm' (core's selectBackend does). On a tfjs version other
 * than the one these were written for, only Conv2DBackpropFilter is registered (with a warning).
 */
export function registerWasmTrainingKernels(): void {
  // Without this kernel no CNN trains on WASM at all, so it is registered on any tfjs version.
  install('Conv2DBackpropFilter', () => conv2dBackpropFilterWasm);
  if (!fastPathsSupported()) return;
  for (const [kernelName, replace] of Object.entries(REPLACEMENTS)) {
    install(kernelName, (stock) => replace(requireStock(kernelName, stock)));
  }
  for (const [kernelName, kernelFunc] of Object.entries(FUSED_KERNELS)) {
    install(kernelName, () => kernelFunc);
  }
  registerReluGradient();
  useDefaultMatrixProducts(createWasmSimdProducts(oursWins));
}

/**
 * True when the 'wasm' kernel `kernelName` is one `registerWasmTrainingKernels` installed, not
 * tfjs's stock one (so a test comparing a fast path with the cpu backend knows it ran).
 */
export function isTrainingKernelInstalled(kernelName: string): boolean {
  const config = tf.getKernel(kernelName, 'wasm');
  return config !== undefined && installed.has(config.kernelFunc);
}

function install(
  kernelName: string,
  create: (stock: tf.KernelConfig | undefined) => tf.KernelFunc,
): void {
  const stock = tf.getKernel(kernelName, 'wasm');
  if (stock !== undefined && installed.has(stock.kernelFunc)) return;
  const kernelFunc = create(stock);
  installed.add(kernelFunc);
  if (stock !== undefined) tf.unregisterKernel(kernelName, 'wasm');
  // The stock setup (its cwrap of the WASM function) must still run, since fallbacks call it.
  const config: tf.KernelConfig = { kernelName, backendName: 'wasm', kernelFunc };
  if (stock?.setupFunc !== undefined) config.setupFunc = stock.setupFunc;
  if (stock?.disposeFunc !== undefined) config.disposeFunc = stock.disposeFunc;
  tf.registerKernel(config);
}

function requireStock(kernelName: string, stock: tf.KernelConfig | undefined): tf.KernelFunc {
  if (stock === undefined) {
    throw new Error(
      `kernels/register-wasm-training-kernels.ts: the WASM backend has no stock '${kernelName}' kernel to fall back to`,
    );
  }
  return stock.kernelFunc;
}
