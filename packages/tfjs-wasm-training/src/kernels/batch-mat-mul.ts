import type * as tf from '@tensorflow/tfjs';
import { disposeData, wasmKernelCall, type WasmBackend } from '../tfjs-internals.js';
import { multiplyWithActiveProducts } from './matrix-products.js';
import { runWasmKernel } from './run-wasm-kernel.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * `BatchMatMul` for the WASM backend: the active matrix products (our GEMM) where they take the
 * shape; otherwise, with a transposed operand: the stock kernel hands XNNPACK
 * only untransposed operands and takes a slow generic path otherwise. Transposing the operand
 * first (stock Transpose) and multiplying plainly is ~5x faster here: a dense layer's weight
 * gradient x^T.dy for [128, 784] x [128, 256] takes ~5 ms against ~28 ms, its input gradient
 * dy.W^T ~6 ms against ~26 ms. Untransposed products, and non-float32 ones, go to `stock`.
 */
export function createBatchMatMulWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { backend, inputs, attrs } = wasmKernelCall<
      { a: tf.TensorInfo; b: tf.TensorInfo },
      tf.BatchMatMulAttrs
    >(args);
    const { a, b } = inputs;
    const { transposeA, transposeB } = attrs;
    const product = multiplyWithActiveProducts(backend, { a, b, transposeA, transposeB });
    if (product !== undefined) return product;
    if ((!attrs.transposeA && !attrs.transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32')
      return stock(args);
    const plainA = attrs.transposeA ? transposeLastTwo(backend, a) : a;
    const plainB = attrs.transposeB ? transposeLastTwo(backend, b) : b;
    try {
      return stock({
        ...args,
        inputs: { a: plainA, b: plainB },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
    } finally {
      if (plainA !== a) disposeData(backend, plainA);
      if (plainB !== b) disposeData(backend, plainB);
    }
  };
}

function transposeLastTwo(backend: WasmBackend, x: tf.TensorInfo): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return runWasmKernel('Transpose', backend, { x }, { perm });
}
