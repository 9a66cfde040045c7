import * as tf from '@tensorflow/tfjs';
import {
  heapFloat32,
  heapOffset,
  makeOutput,
  runKernel,
  wasmKernelCall,
} from '../tfjs-internals.js';
import { simdTrainingKernels } from './simd-training-kernels.js';

/** Inverted dropout with a counter-based mask, on 'wasm': x -> x * mask / keep. */
export const DROPOUT_KERNEL = 'FashionLabDropout';

/** Which values a dropout mask keeps and how kept values are scaled. */
export interface DropoutMask {
  /** Added to each value's index before hashing: lowbias32(seed). */
  key: number;
  /** Index i is kept when lowbias32(i + key) < threshold (unsigned 32-bit). */
  threshold: number;
  /** 1 / keep probability, as a float32. */
  scale: number;
}

/** Chris Wellons' "lowbias32" integer hash (as assembly/training-kernels.ts has it). */
export function lowbias32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The mask of a dropout at `rate` (0 < rate < 1) seeded by `seed`. */
export function dropoutMask(seed: number, rate: number): DropoutMask {
  const keep = 1 - rate;
  return {
    key: lowbias32(seed),
    threshold: Math.min(2 ** 32 - 1, Math.floor(keep * 2 ** 32)),
    scale: Math.fround(1 / keep),
  };
}

/** The mask as multipliers (scale where kept, 0 elsewhere) for `count` values. */
export function dropoutMultipliers(mask: DropoutMask, count: number): Float32Array {
  const multipliers = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    multipliers[i] = lowbias32(i + mask.key) < mask.threshold ? mask.scale : 0;
  }
  return multipliers;
}

/**
 * Dropout whose mask depends only on (seed, rate, index): the backward pass is the same mask
 * applied to dy, so nothing is kept between the passes. On 'wasm' one SIMD kernel per pass; tfjs's
 * own dropout draws a JavaScript random number per value (~12 ms for [128,13,13,32]) and
 * multiplies twice. Other backends multiply by the same mask built in JavaScript, so every
 * backend drops the same values.
 */
export function seededDropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  const mask = dropoutMask(seed, rate);
  const apply = (values: tf.Tensor): tf.Tensor =>
    values.dtype === 'float32' &&
    tf.getBackend() === 'wasm' &&
    tf.getKernel(DROPOUT_KERNEL, 'wasm') !== undefined
      ? (runKernel(DROPOUT_KERNEL, { x: values }, mask) as tf.Tensor)
      : tf.mul(values, tf.tensor(dropoutMultipliers(mask, values.size), values.shape));
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: apply(args[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => apply(dy),
  }))(x);
}

/** `DROPOUT_KERNEL` for 'wasm': the SIMD kernel, or the same mask in JavaScript without it. */
export function dropoutWasm(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { backend, inputs, attrs: mask } = wasmKernelCall<{ x: tf.TensorInfo }, DropoutMask>(args);
  const { x } = inputs;
  const out = makeOutput(backend, [...x.shape]);
  const count = tf.util.sizeFromShape(x.shape);
  const simd = simdTrainingKernels(backend);
  if (simd !== undefined) {
    simd.dropout(
      heapOffset(backend, x),
      heapOffset(backend, out),
      count,
      mask.key,
      mask.threshold,
      mask.scale,
    );
    return out;
  }
  // Views after the allocation: growing the heap detaches earlier views.
  const input = heapFloat32(backend, x);
  heapFloat32(backend, out).set(
    dropoutMultipliers(mask, count).map((multiplier, i) => input[i]! * multiplier),
  );
  return out;
}
