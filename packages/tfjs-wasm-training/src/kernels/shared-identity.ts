import type * as tf from '@tensorflow/tfjs';
import { asWasmBackend } from './wasm-heap.js';

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
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') return fallback(args);
    return share(args.backend, x);
  };
}

/** `Cast` for the WASM backend: a cast to x's own dtype shares x, the rest is the stock kernel's. */
export function createSharedSameTypeCastWasm(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { dtype } = args.attrs as unknown as tf.CastAttrs;
    if (x.dtype !== dtype || x.dtype === 'string') return fallback(args);
    return share(args.backend, x);
  };
}

function share(backend: unknown, x: tf.TensorInfo): tf.TensorInfo {
  asWasmBackend(backend).incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}
