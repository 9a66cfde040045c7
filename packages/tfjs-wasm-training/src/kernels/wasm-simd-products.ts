import type * as tf from '@tensorflow/tfjs';
import { heapOffset, makeOutput, type WasmBackend } from '../tfjs-internals.js';
import {
  productShape,
  type MatrixProducts,
  type ProductRequest,
  type ProductShape,
} from './matrix-products.js';
import { packedPanels } from './packed-panels.js';
import { simdTrainingKernels } from './simd-training-kernels.js';

/**
 * Most floats of a Conv2D patch matrix our GEMM takes (16 MB): a larger one is written and read
 * back through memory, and XNNPACK's convolution, which needs none, stays ahead.
 */
const LARGEST_PATCH_MATRIX = 4 << 20;

/**
 * The shapes where our GEMM beat XNNPACK here (`core:bench -- --gemm`, and whole convolutions
 * ours and XNNPACK call by call in turn): every product of a dense layer (forward and both
 * gradients, whose transposed operands XNNPACK's route transposes first: 1.2-2.8x) and the
 * filter gradients' products (1.1-1.5x); a Conv2D's im2col product only when its patch matrix is
 * at most 16 MB and 512 deep (cnn-strong's third layer 1.14x, the CNN's third 1.4x; the second
 * layers' 9-18 MB, 288-deep patches lost 0.83-0.88x to XNNPACK's convolution, which skips them,
 * and so did the Conv2D route of Conv2DBackpropInput, 0.65-0.93x). Never products under 8 columns
 * (a 4x8 tile would mostly compute padding) or 16 deep (the first layer's 3x3 one-channel taps).
 */
export function oursWins(shape: ProductShape): boolean {
  if (shape.columns < 8 || shape.depth < 16) return false;
  if (!shape.convolution) return true;
  return shape.depth >= 512 && shape.rows * shape.depth <= LARGEST_PATCH_MATRIX;
}

/**
 * Our products in AssemblyScript SIMD (`gemm` in assembly/training-kernels.ts): a 4x8 loadsplat
 * micro-kernel over B packed in panels of 8 columns. `choose` picks the shapes it computes
 * (default: all; the registered kernels use `oursWins`); without WASM SIMD it takes none, and the stock kernels run.
 */
export function createWasmSimdProducts(
  choose: (shape: ProductShape) => boolean = () => true,
): MatrixProducts {
  return {
    name: 'wasm-simd-gemm',
    takes: (shape, backend) => simdTrainingKernels(backend) !== undefined && choose(shape),
    multiply: multiplyWithGemm,
  };
}

function multiplyWithGemm(backend: WasmBackend, request: ProductRequest): tf.TensorInfo {
  const simd = simdTrainingKernels(backend);
  const shape = productShape(request);
  if (simd === undefined || shape === undefined) {
    throw new Error(
      'kernels/wasm-simd-products.ts: multiply was called for a product it did not take',
    );
  }
  const { a, b, transposeA, transposeB } = request;
  const { batch, rows, depth, columns } = shape;
  const out = makeOutput(backend, shape.outShape);
  const [aStart, bStart, outStart] = [a, b, out].map((tensor) => heapOffset(backend, tensor)) as [
    number,
    number,
    number,
  ];
  const aMatrix = rows * depth * 4;
  const bMatrix = depth * columns * 4;
  for (let i = 0; i < batch; i++) {
    const panels = packedPanels(backend, simd, {
      b,
      offset: bStart + (batchOf(b) === 1 ? 0 : i * bMatrix),
      depth,
      columns,
      transposed: transposeB,
    });
    simd.gemm(
      aStart + (batchOf(a) === 1 ? 0 : i * aMatrix),
      transposeA ? 1 : depth,
      transposeA ? rows : 1,
      panels.offset,
      outStart + i * rows * columns * 4,
      rows,
      columns,
      depth,
    );
    panels.release();
  }
  return out;
}

/** How many matrices `x` holds (the product of all but its last two dimensions). */
function batchOf(x: tf.TensorInfo): number {
  return x.shape.slice(0, -2).reduce((n, d) => n * d, 1);
}
