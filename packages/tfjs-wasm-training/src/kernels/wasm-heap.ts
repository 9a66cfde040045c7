import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** The backend argument of a 'wasm' kernel function, typed as the WASM backend it is. */
export function asWasmBackend(backend: unknown): BackendWasm {
  return backend as BackendWasm;
}

/** A view of a float32 tensor's memory in the WASM heap; invalid after the next allocation. */
export function heapFloat32(backend: BackendWasm, tensor: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(tensor) as Float32Array;
}

/** The same data seen with another shape (no copy), as the WASM backend's own Reshape does. */
export function withShape(tensor: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: tensor.dataId, shape, dtype: tensor.dtype };
}

/**
 * Runs another registered 'wasm' kernel from inside a kernel, without going through the engine,
 * so intermediates are plain TensorInfos the caller disposes with `backend.disposeData`.
 */
export function runWasmKernel(
  kernelName: string,
  backend: BackendWasm,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const config = tf.getKernel(kernelName, 'wasm');
  if (config === undefined) {
    throw new Error(
      `kernels/wasm-heap.ts: the WASM backend has no '${kernelName}' kernel to build on`,
    );
  }
  const result = config.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(result)) {
    throw new Error(
      `kernels/wasm-heap.ts: '${kernelName}' returned several outputs; one was expected`,
    );
  }
  return result;
}
