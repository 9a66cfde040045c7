import * as tf from '@tensorflow/tfjs';
import {
  currentWasmBackend,
  disposeData,
  heapOffset,
  makeOutput,
  wasmKernelCall,
  type WasmBackend,
} from '../tfjs-internals.js';
import {
  channelRows,
  simdTrainingKernels,
  type SimdTrainingKernels,
} from './simd-training-kernels.js';

/** Training-mode BatchNorm forward on 'wasm': (x, gamma, beta) -> [y, mean, variance, invStd]. */
export const BATCH_NORM_FORWARD_KERNEL = 'FashionLabBatchNormForward';
/** Its closed-form gradient: (dy, x, gamma, mean, invStd) -> [dx, dGamma, dBeta]. */
export const BATCH_NORM_BACKWARD_KERNEL = 'FashionLabBatchNormBackward';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * True when the current backend runs the fused BatchNorm kernels on x (channels-last float32,
 * 4k channels, WASM with SIMD): 3 passes over x forward and 2 backward, against ~25 stock
 * element-wise kernels, each a full pass with a new temporary.
 */
export function hasFusedBatchNorm(x: tf.Tensor): boolean {
  const backend = currentWasmBackend();
  if (backend === undefined || x.dtype !== 'float32' || x.rank < 2) return false;
  if (x.shape[x.rank - 1]! % 4 !== 0) return false;
  if (tf.getKernel(BATCH_NORM_FORWARD_KERNEL, 'wasm') === undefined) return false;
  return simdTrainingKernels(backend) !== undefined;
}

/** `BATCH_NORM_FORWARD_KERNEL` for 'wasm' (SIMD only: `hasFusedBatchNorm` guards its use). */
export function batchNormForwardWasm(args: KernelArgs): tf.TensorInfo[] {
  const { backend, inputs, attrs } = wasmKernelCall<
    Record<'x' | 'gamma' | 'beta', tf.TensorInfo>,
    { epsilon: number }
  >(args);
  const { x, gamma, beta } = inputs;
  const { simd, channels, pixels } = layout(backend, x);
  const y = makeOutput(backend, [...x.shape]);
  const [mean, variance, invStd] = [0, 1, 2].map(() => makeOutput(backend, [channels]));
  const scratch = makeOutput(backend, [4 * channels]);
  const at = (tensor: tf.TensorInfo): number => heapOffset(backend, tensor);
  simd.batchNormForward(
    at(x),
    at(y),
    pixels,
    channels,
    at(gamma),
    at(beta),
    attrs.epsilon,
    at(mean!),
    at(variance!),
    at(invStd!),
    at(scratch),
  );
  disposeData(backend, scratch);
  return [y, mean!, variance!, invStd!];
}

/** `BATCH_NORM_BACKWARD_KERNEL` for 'wasm' (SIMD only, like the forward kernel). */
export function batchNormBackwardWasm(args: KernelArgs): tf.TensorInfo[] {
  const { backend, inputs } =
    wasmKernelCall<Record<'dy' | 'x' | 'gamma' | 'mean' | 'invStd', tf.TensorInfo>>(args);
  const { dy, x, gamma, mean, invStd } = inputs;
  const { simd, channels, pixels } = layout(backend, x);
  const dx = makeOutput(backend, [...x.shape]);
  const dGamma = makeOutput(backend, [channels]);
  const dBeta = makeOutput(backend, [channels]);
  const scratch = makeOutput(backend, [7 * channels]);
  const at = (tensor: tf.TensorInfo): number => heapOffset(backend, tensor);
  simd.batchNormBackward(
    at(x),
    at(dy),
    at(dx),
    pixels,
    channels,
    at(gamma),
    at(mean),
    at(invStd),
    at(dGamma),
    at(dBeta),
    at(scratch),
  );
  disposeData(backend, scratch);
  return [dx, dGamma, dBeta];
}

function layout(
  backend: WasmBackend,
  x: tf.TensorInfo,
): { simd: SimdTrainingKernels; channels: number; pixels: number } {
  const simd = simdTrainingKernels(backend);
  const { pixels, channels } = channelRows(x);
  if (simd === undefined || channels % 4 !== 0 || x.dtype !== 'float32') {
    // hasFusedBatchNorm guards every call; reaching this is a bug, not bad input.
    throw new Error(
      `kernels/batch-norm-kernels.ts: fused BatchNorm needs WASM SIMD and float32 with 4k channels, got ${x.dtype} [${x.shape.join(', ')}]`,
    );
  }
  return { simd, channels, pixels };
}
