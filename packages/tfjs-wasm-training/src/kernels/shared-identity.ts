import type * as tf from '@tensorflow/tfjs';
import { shareData, wasmKernelCall } from '../tfjs-internals.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * `Identity` for the WASM backend that shares x's memory (one more reference, as the stock
 * `Reshape` does) instead of copying it. tfjs's engine clones every tensor it saves for the
 * backward pass through this kernel, and the stock WASM kernel copies: on the CNN's first layer
 * that is 11 MB a tensor, ~6 ms of a 160 ms training step. Sharing is safe because no kernel
 * writes into an input's memory (the cpu backend's Identity shares the same way). Strings keep the
 * stock path.
 */
export function createSharedIdentityWasm(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { backend, inputs } = wasmKernelCall<{ x: tf.TensorInfo }>(args);
    if (inputs.x.dtype === 'string') return fallback(args);
    return shareData(backend, inputs.x);
  };
}

/** `Cast` for the WASM backend: a cast to x's own dtype shares x, the rest is the stock kernel's. */
export function createSharedSameTypeCastWasm(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { backend, inputs, attrs } = wasmKernelCall<{ x: tf.TensorInfo }, tf.CastAttrs>(args);
    const { x } = inputs;
    if (x.dtype !== attrs.dtype || x.dtype === 'string') return fallback(args);
    return shareData(backend, x);
  };
}
