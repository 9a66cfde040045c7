import * as tf from '@tensorflow/tfjs';
import {
  disposeData,
  heapFloat32,
  heapOffset,
  makeOutput,
  wasmKernelCall,
} from '../tfjs-internals.js';
import { simdTrainingKernels } from './simd-training-kernels.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * `Sum` / `Mean` for the WASM backend when the reduced axes are the leading ones (per-channel
 * statistics of NHWC tensors: BatchNorm's moments and gradients, conv bias gradients). The stock
 * kernels first transpose the whole tensor to make those axes innermost (~12 ms for one
 * [128,26,26,32] reduction); column sums straight off the heap, accumulated in float64, take
 * ~2 ms, and the SIMD kernel of assembly/training-kernels.ts (4k columns) under 1 ms. Other reductions, and non-float32 tensors, go to `fallback`.
 */
export function createReduceLeadingAxesWasm(
  kind: 'sum' | 'mean',
  fallback: tf.KernelFunc,
): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { backend, inputs, attrs } = wasmKernelCall<{ x: tf.TensorInfo }, tf.SumAttrs>(args);
    const { x } = inputs;
    const { axis, keepDims } = attrs;
    const reduced = leadingAxesCount(x, axis);
    if (reduced === undefined) return fallback(args);
    const rows = x.shape.slice(0, reduced).reduce((product, size) => product * size, 1);
    const columns = x.shape.slice(reduced).reduce((product, size) => product * size, 1);
    const outShape = keepDims
      ? x.shape.map((size, index) => (index < reduced ? 1 : size))
      : x.shape.slice(reduced);
    const out = makeOutput(backend, outShape);
    const scale = kind === 'mean' ? 1 / rows : 1;
    const simd = simdTrainingKernels(backend);
    if (simd !== undefined && columns % 4 === 0) {
      const scratch = makeOutput(backend, [3 * columns]);
      const at = (tensor: tf.TensorInfo): number => heapOffset(backend, tensor);
      simd.columnSums(at(x), rows, columns, at(out), scale, at(scratch));
      disposeData(backend, scratch);
      return out;
    }
    const input = heapFloat32(backend, x);
    const totals = new Float64Array(columns);
    // Four rows at a time: a quarter of the loads and stores of `totals`, ~2.5x faster here.
    const stride = 4 * columns;
    const unrolled = rows - (rows % 4);
    let offset = 0;
    for (let row = 0; row < unrolled; row += 4, offset += stride) {
      for (let column = 0; column < columns; column++) {
        const at = offset + column;
        totals[column] =
          totals[column]! +
          (input[at]! + input[at + columns]!) +
          (input[at + 2 * columns]! + input[at + 3 * columns]!);
      }
    }
    for (let row = unrolled; row < rows; row++, offset += columns) {
      for (let column = 0; column < columns; column++) {
        totals[column] = totals[column]! + input[offset + column]!;
      }
    }
    heapFloat32(backend, out).set(scale === 1 ? totals : totals.map((total) => total * scale));
    return out;
  };
}

/** How many leading axes `axis` reduces, if it is exactly axes 0..k-1 with 0 < k < rank. */
function leadingAxesCount(x: tf.TensorInfo, axis: number | number[]): number | undefined {
  if (x.dtype !== 'float32' || x.shape.length < 2) return undefined;
  const axes = [...new Set(tf.util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
  if (axes.length === 0 || axes.length >= x.shape.length) return undefined;
  return axes.every((value, index) => value === index) ? axes.length : undefined;
}
