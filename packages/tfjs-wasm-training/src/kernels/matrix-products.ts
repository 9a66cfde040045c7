import type * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from '../tfjs-internals.js';

/**
 * One product C = op(A) . op(B) of float32 operands of rank 2 or more ([...batch, rows, depth]
 * before op; a batch of 1 is broadcast), as BatchMatMul takes them.
 */
export interface ProductRequest {
  a: tf.TensorInfo;
  b: tf.TensorInfo;
  transposeA: boolean;
  transposeB: boolean;
  /** True for a convolution's im2col product (Conv2D), which XNNPACK computes without im2col. */
  convolution?: boolean;
}

/** A product's size: C is rows x columns, summed over depth, `batch` times. */
export interface ProductShape {
  batch: number;
  /** C's shape: the batch dimensions, rows, columns. */
  outShape: number[];
  rows: number;
  depth: number;
  columns: number;
  transposeA: boolean;
  transposeB: boolean;
  /** An im2col product of Conv2D (A is the patch matrix, written for this product only). */
  convolution: boolean;
}

/**
 * An implementation of the matrix products behind MatMul, BatchMatMul and the convolutions on
 * 'wasm' (ours in AssemblyScript SIMD today; a native one could sit beside it): `takes` says which
 * shapes it wants, the rest stay with tfjs's XNNPACK.
 */
export interface MatrixProducts {
  readonly name: string;
  /** True when this implementation should compute a product of `shape` (measured faster). */
  takes(shape: ProductShape, backend: WasmBackend): boolean;
  /** The product (shape `outShape`) on `backend`'s heap; only called when `takes` said so. */
  multiply(backend: WasmBackend, request: ProductRequest): tf.TensorInfo;
}

/** `request`'s shape, or undefined when it is no float32 product with batches that match. */
export function productShape(request: ProductRequest): ProductShape | undefined {
  const { a, b, transposeA, transposeB } = request;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  if (a.shape.length < 2 || b.shape.length < 2) return undefined;
  const [leadingA, leadingB] = [a.shape.slice(0, -2), b.shape.slice(0, -2)];
  const [batchA, batchB] = [leadingA, leadingB].map((dims) => dims.reduce((n, d) => n * d, 1));
  const sameBatch =
    leadingA.length === leadingB.length && leadingA.every((d, i) => d === leadingB[i]);
  if (!sameBatch && batchA !== 1 && batchB !== 1) return undefined;
  const [a1, a2] = a.shape.slice(-2) as [number, number];
  const [b1, b2] = b.shape.slice(-2) as [number, number];
  const [rows, depth] = transposeA ? [a2, a1] : [a1, a2];
  const [bDepth, columns] = transposeB ? [b2, b1] : [b1, b2];
  if (bDepth !== depth || rows * depth * columns === 0) return undefined;
  const outer = batchA === 1 && leadingB.length >= leadingA.length ? leadingB : leadingA;
  return {
    batch: Math.max(batchA!, batchB!),
    outShape: [...outer, rows, columns],
    rows,
    depth,
    columns,
    transposeA,
    transposeB,
    convolution: request.convolution === true,
  };
}

let active: MatrixProducts | undefined;
/** True once a caller chose the products: registering the kernels again keeps that choice. */
let chosen = false;

/**
 * Chooses the products the 'wasm' kernels use: an implementation, or undefined for tfjs's stock
 * XNNPACK everywhere (how the bench measures before against after in one process).
 */
export function useMatrixProducts(products: MatrixProducts | undefined): void {
  active = products;
  chosen = true;
}

/** Makes `products` the active ones unless a caller chose already (the kernels' registration). */
export function useDefaultMatrixProducts(products: MatrixProducts): void {
  if (!chosen) active = products;
}

/** The products in use (see `useMatrixProducts`), or undefined for the stock ones. */
export function activeMatrixProducts(): MatrixProducts | undefined {
  return active;
}

/**
 * Computes `request` with the active products when they take its shape; undefined otherwise, and
 * the caller runs the stock kernel.
 */
export function multiplyWithActiveProducts(
  backend: WasmBackend,
  request: ProductRequest,
): tf.TensorInfo | undefined {
  const shape = active === undefined ? undefined : productShape(request);
  if (active === undefined || shape === undefined || !active.takes(shape, backend))
    return undefined;
  return active.multiply(backend, request);
}
