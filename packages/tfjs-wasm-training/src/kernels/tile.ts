import type * as tf from '@tensorflow/tfjs';
import { disposeData, heapFloat32, makeOutput, wasmKernelCall } from '../tfjs-internals.js';
import { runWasmKernel } from './run-wasm-kernel.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * `Tile` for the WASM backend when every tiled axis has size 1 (a broadcast, as in BatchNorm's
 * gradient): a broadcasting `Add` onto zeros. Measured here for [1,1,1,32] -> [128,26,26,32]:
 * ~2 ms against ~116 ms for the stock generic Tile. Other cases, and non-float32 tensors, go to
 * `fallback`, the stock kernel.
 */
export function createTileWasm(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { backend, inputs, attrs } = wasmKernelCall<{ x: tf.TensorInfo }, tf.TileAttrs>(args);
    const { x } = inputs;
    const { reps } = attrs;
    if (!isBroadcast(x, reps)) return fallback(args);
    const outShape = x.shape.map((size, axis) => size * reps[axis]!);
    const zeros = makeOutput(backend, outShape);
    heapFloat32(backend, zeros).fill(0);
    const out = runWasmKernel('Add', backend, { a: x, b: zeros });
    disposeData(backend, zeros);
    return out;
  };
}

/** True when tiling x by reps only repeats along axes where x has size 1. */
function isBroadcast(x: tf.TensorInfo, reps: number[]): boolean {
  if (x.dtype !== 'float32' || reps.length !== x.shape.length) return false;
  return reps.every((rep, axis) => rep === 1 || x.shape[axis] === 1);
}
