import * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from '../tfjs-internals.js';

/** The same data seen with another shape (no copy), as the WASM backend's own Reshape does. */
export function withShape(tensor: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: tensor.dataId, shape, dtype: tensor.dtype };
}

/**
 * Runs another registered 'wasm' kernel from inside a kernel, without going through the engine,
 * so intermediates are plain TensorInfos the caller frees with `disposeData`.
 */
export function runWasmKernel(
  kernelName: string,
  backend: WasmBackend,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const config = tf.getKernel(kernelName, 'wasm');
  if (config === undefined) {
    throw new Error(
      `kernels/run-wasm-kernel.ts: the WASM backend has no '${kernelName}' kernel to build on`,
    );
  }
  const result = config.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(result)) {
    throw new Error(
      `kernels/run-wasm-kernel.ts: '${kernelName}' returned several outputs; one was expected`,
    );
  }
  return result;
}
