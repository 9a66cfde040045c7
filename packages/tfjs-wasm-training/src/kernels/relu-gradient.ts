import * as tf from '@tensorflow/tfjs';
import {
  disposeData,
  heapOffset,
  makeOutput,
  runKernel,
  wasmKernelCall,
} from '../tfjs-internals.js';
import { runWasmKernel } from './run-wasm-kernel.js';
import { simdTrainingKernels } from './simd-training-kernels.js';

/** The fused ReLU-gradient kernel this package registers (on 'wasm'): dx = x > 0 ? dy : 0. */
export const RELU_GRAD_KERNEL = 'FashionLabReluGrad';

/**
 * Replaces tfjs's gradient of `Relu` (dy * step(cast(x)): three kernels, two full-size
 * temporaries) by one `RELU_GRAD_KERNEL` call on backends that have it; elsewhere it computes
 * exactly the stock formula. On the CNN's first layer at batch 128 the three stock WASM kernels
 * take ~6 ms, the SIMD kernel ~1.5 ms. Idempotent.
 */
export function registerReluGradient(): void {
  tf.registerGradient({
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved as [tf.Tensor];
      const gradient = dy as tf.Tensor;
      return { x: () => reluGradient(gradient, x) };
    },
  });
}

function reluGradient(dy: tf.Tensor, x: tf.Tensor): tf.Tensor {
  const fused =
    x.dtype === 'float32' &&
    dy.dtype === 'float32' &&
    tf.getKernel(RELU_GRAD_KERNEL, tf.getBackend()) !== undefined;
  if (fused) return runKernel(RELU_GRAD_KERNEL, { x, dy }) as tf.Tensor;
  return tf.mul(dy, tf.step(tf.cast(x, 'float32')));
}

/** `RELU_GRAD_KERNEL` for 'wasm': the SIMD kernel, or the stock Step and Multiply without it. */
export function reluGradWasm(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { backend, inputs } = wasmKernelCall<{ x: tf.TensorInfo; dy: tf.TensorInfo }>(args);
  const { x, dy } = inputs;
  const simd = simdTrainingKernels(backend);
  if (simd === undefined) {
    const step = runWasmKernel('Step', backend, { x }, { alpha: 0 });
    const dx = runWasmKernel('Multiply', backend, { a: dy, b: step });
    disposeData(backend, step);
    return dx;
  }
  const dx = makeOutput(backend, [...x.shape]);
  const count = tf.util.sizeFromShape(x.shape);
  simd.reluGrad(heapOffset(backend, x), heapOffset(backend, dy), heapOffset(backend, dx), count);
  return dx;
}
