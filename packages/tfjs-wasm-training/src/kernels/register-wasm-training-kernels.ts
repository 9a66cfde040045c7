import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
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
import { createConv2dBackpropInputWasm } from './conv2d-backprop-input.js';
import { DROPOUT_KERNEL, dropoutWasm } from './dropout.js';
import { createInferenceBatchNormWasm } from './inference-batch-norm.js';
import { createMaxPoolGradWasm } from './max-pool-grad.js';
import { createReduceLeadingAxesWasm } from './reduce-leading-axes.js';
import { RELU_GRAD_KERNEL, registerReluGradient, reluGradWasm } from './relu-gradient.js';
import { createSharedIdentityWasm, createSharedSameTypeCastWasm } from './shared-identity.js';
import { createTileWasm } from './tile.js';

/** Kernel functions this module installed, so a second call recognises them and does nothing. */
const installed = new WeakSet<tf.KernelFunc>();

/**
 * Registers this package's 'wasm' kernels: what CNN training needs (Conv2DBackpropFilter, which WASM
 * lacks) and what runs much faster than the stock kernels:
 * - Conv2DBackpropInput at stride 1, broadcast-only Tile, Sum and Mean over leading axes,
 *   MaxPoolGrad, BatchMatMul with a transposed operand, per-channel bias Add, inference-mode
 *   BatchNorm (FusedBatchNorm);
 * - Identity and same-type Cast sharing memory instead of copying;
 * - fused kernels of our own: ReLU's gradient, seeded dropout, training-mode BatchNorm forward
 *   and backward, Adam's step (most of them SIMD code from assembly/training-kernels.ts).
 * Idempotent; call before training on 'wasm' (core's selectBackend does).
 */
export function registerWasmTrainingKernels(): void {
  install('Conv2DBackpropFilter', () => conv2dBackpropFilterWasm);
  install('Conv2DBackpropInput', (stock) =>
    createConv2dBackpropInputWasm(requireStock('Conv2DBackpropInput', stock)),
  );
  install('Tile', (stock) => createTileWasm(requireStock('Tile', stock)));
  install('MaxPoolGrad', (stock) => createMaxPoolGradWasm(requireStock('MaxPoolGrad', stock)));
  install('Sum', (stock) => createReduceLeadingAxesWasm('sum', requireStock('Sum', stock)));
  install('Mean', (stock) => createReduceLeadingAxesWasm('mean', requireStock('Mean', stock)));
  install('BatchMatMul', (stock) => createBatchMatMulWasm(requireStock('BatchMatMul', stock)));
  install('Identity', (stock) => createSharedIdentityWasm(requireStock('Identity', stock)));
  install('Cast', (stock) => createSharedSameTypeCastWasm(requireStock('Cast', stock)));
  install('Add', (stock) => createChannelBiasAddWasm(requireStock('Add', stock)));
  install(RELU_GRAD_KERNEL, () => reluGradWasm);
  install(DROPOUT_KERNEL, () => dropoutWasm);
  install('FusedBatchNorm', (stock) =>
    createInferenceBatchNormWasm(requireStock('FusedBatchNorm', stock)),
  );
  install(BATCH_NORM_FORWARD_KERNEL, () => batchNormForwardWasm as tf.KernelFunc);
  install(BATCH_NORM_BACKWARD_KERNEL, () => batchNormBackwardWasm as tf.KernelFunc);
  install(ADAM_STEP_KERNEL, () => adamStepWasm as tf.KernelFunc);
  registerReluGradient();
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
