import * as tf from '@tensorflow/tfjs';
import { heapFloat32, heapOffset, makeOutput, wasmKernelCall } from '../tfjs-internals.js';
import { simdTrainingKernels, type AdamCoefficients } from './simd-training-kernels.js';

/** One fused Adam step on 'wasm': inputs x, m, v, g; outputs the new x, m and v. */
export const ADAM_STEP_KERNEL = 'FashionLabAdamStep';

/** x, m, v, g and the three outputs, in the kernel's argument order. */
type Seven<T> = [T, T, T, T, T, T, T];

/** The attrs of `ADAM_STEP_KERNEL`: the coefficients in `AdamCoefficients` order. */
export interface AdamStepAttrs {
  coefficients: AdamCoefficients;
}

/**
 * Adam's update for one weight tensor in one pass over its values, in tfjs's operation order and
 * float32 rounding, so it matches `tf.train.adam` value for value. The plain fallback (no SIMD)
 * rounds every operation to float32 with Math.fround for the same reason.
 */
export function adamStepWasm(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const { backend, inputs, attrs } = wasmKernelCall<
    Record<'x' | 'm' | 'v' | 'g', tf.TensorInfo>,
    AdamStepAttrs
  >(args);
  const { x, m, v, g } = inputs;
  const { coefficients } = attrs;
  const count = tf.util.sizeFromShape(x.shape);
  for (const [name, input] of Object.entries({ m, v, g })) {
    if (tf.util.sizeFromShape(input.shape) !== count || input.dtype !== 'float32') {
      throw new Error(
        `${ADAM_STEP_KERNEL}: ${name} must be float32 with ${count} values like x, got ${input.dtype} [${input.shape.join(', ')}]`,
      );
    }
  }
  // Fresh outputs, never in place: best-weight copies and other clones may share x's memory.
  const outputs = [x, m, v].map((input) => makeOutput(backend, [...input.shape]));
  const [xOut, mOut, vOut] = outputs as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const tensors = [x, m, v, g, xOut, mOut, vOut];
  const simd = simdTrainingKernels(backend);
  if (simd !== undefined) {
    const offsets = tensors.map((tensor) => heapOffset(backend, tensor)) as Seven<number>;
    simd.adamStep(...offsets, count, ...coefficients);
    return outputs;
  }
  const [beta1, oneMinusBeta1, beta2, oneMinusBeta2, c1, c2, epsilon, negativeRate] = coefficients;
  const f = Math.fround;
  // Views after the allocations: growing the heap detaches earlier views.
  const [xs, ms, vs, gs, xo, mo, vo] = tensors.map((tensor) =>
    heapFloat32(backend, tensor),
  ) as Seven<Float32Array>;
  for (let i = 0; i < count; i++) {
    const gradient = gs[i]!;
    const m1 = f(f(ms[i]! * beta1) + f(gradient * oneMinusBeta1));
    const v1 = f(f(vs[i]! * beta2) + f(f(gradient * gradient) * oneMinusBeta2));
    const denominator = f(f(Math.sqrt(f(v1 / c2))) + epsilon);
    mo[i] = m1;
    vo[i] = v1;
    xo[i] = f(f(f(f(m1 / c1) / denominator) * negativeRate) + xs[i]!);
  }
  return outputs;
}
