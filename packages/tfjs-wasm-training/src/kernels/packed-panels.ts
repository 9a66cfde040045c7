import type * as tf from '@tensorflow/tfjs';
import {
  heapAllocate,
  heapRelease,
  holdsData,
  isVariableData,
  type WasmBackend,
} from '../tfjs-internals.js';
import type { SimdTrainingKernels } from './simd-training-kernels.js';

/** B packed for the GEMM: where, and how to give the memory back after the product. */
export interface PackedPanels {
  offset: number;
  release(): void;
}

/** What B is and how it is packed. */
export interface PanelSource {
  b: tf.TensorInfo;
  /** Byte offset of the matrix inside b's data (one matrix of a batch). */
  offset: number;
  depth: number;
  columns: number;
  transposed: boolean;
}

/**
 * Packed copies of weights, per backend: dataId -> layout -> heap offset. tfjs never writes into
 * a tensor's memory after it is computed: an optimizer (tfjs's or our fused Adam) gives the
 * variable a fresh dataId on `assign`, so a dataId's values never change and a packed copy stays
 * right for as long as the dataId lives; it is freed once the backend no longer holds it.
 */
const caches = new WeakMap<WasmBackend, Map<tf.DataId, Map<string, number>>>();

/** Bytes of `source` packed in panels of 8 columns (the last one padded with zeros). */
function packedBytes(source: PanelSource): number {
  return Math.ceil(source.columns / 8) * 8 * source.depth * 4;
}

/**
 * B packed in panels for `simd.gemm`. A weight's panels (a registered variable's data, read again
 * until its next update) are packed once per layout and kept; anything else is packed for this
 * product only.
 */
export function packedPanels(
  backend: WasmBackend,
  simd: SimdTrainingKernels,
  source: PanelSource,
): PackedPanels {
  const cache = freeDisposedPanels(backend);
  const pack = (): number => {
    const offset = heapAllocate(backend, packedBytes(source));
    simd.packPanels(source.offset, offset, source.depth, source.columns, source.transposed ? 1 : 0);
    return offset;
  };
  if (!isVariableData(source.b.dataId)) {
    const offset = pack();
    return { offset, release: () => heapRelease(backend, offset) };
  }
  const layout = `${source.offset}:${source.depth}x${source.columns}${source.transposed ? 'T' : ''}`;
  let layouts = cache.get(source.b.dataId);
  if (layouts === undefined) {
    layouts = new Map();
    cache.set(source.b.dataId, layouts);
  }
  let offset = layouts.get(layout);
  if (offset === undefined) {
    offset = pack();
    layouts.set(layout, offset);
  }
  return { offset, release: () => {} };
}

/** How many packed layouts `backend` keeps (a test's check that stale weights are freed). */
export function cachedPanelCount(backend: WasmBackend): number {
  let count = 0;
  for (const layouts of freeDisposedPanels(backend).values()) count += layouts.size;
  return count;
}

/** Frees the panels of weights the backend no longer holds; returns the backend's cache. */
function freeDisposedPanels(backend: WasmBackend): Map<tf.DataId, Map<string, number>> {
  let cache = caches.get(backend);
  if (cache === undefined) {
    cache = new Map();
    caches.set(backend, cache);
  }
  for (const [dataId, layouts] of cache) {
    if (holdsData(backend, dataId)) continue;
    for (const offset of layouts.values()) heapRelease(backend, offset);
    cache.delete(dataId);
  }
  return cache;
}
