import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';
import {
  activeMatrixProducts,
  useMatrixProducts,
  type MatrixProducts,
} from './kernels/matrix-products.js';
import { registerWasmTrainingKernels } from './kernels/register-wasm-training-kernels.js';
import { silenceTfjsNodeHint } from './tfjs-internals.js';

/**
 * Runs the calling test file, or describe block, on `backendName` ('wasm' with this package's
 * kernels registered, as core's selectBackend does it) and puts the previous backend back after.
 */
export function useBackend(backendName: 'wasm' | 'cpu'): void {
  let previousBackend: string | undefined;
  beforeAll(async () => {
    previousBackend = tf.getBackend() as string | undefined;
    silenceTfjsNodeHint();
    if (backendName === 'wasm') registerWasmTrainingKernels();
    if (!(await tf.setBackend(backendName))) {
      throw new Error(
        `kernel-tests.test-support.ts: tfjs could not start the '${backendName}' backend`,
      );
    }
  });
  afterAll(async () => {
    if (previousBackend !== undefined) await tf.setBackend(previousBackend);
  });
}

/** Deterministic values in [-1, 1) for kernel tests (a tiny LCG, no data-package dependency). */
export function randomValues(count: number, seed: number): Float32Array {
  const values = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = state / 2 ** 31 - 1;
  }
  return values;
}

/** Runs `compute` on `backendName`; returns plain numbers and disposes everything. */
export async function onBackend(backendName: string, compute: () => tf.Tensor): Promise<number[]> {
  const previous = tf.getBackend();
  await tf.setBackend(backendName);
  try {
    const result = tf.tidy(compute);
    const values = Array.from(await result.data());
    result.dispose();
    return values;
  } finally {
    await tf.setBackend(previous);
  }
}

/**
 * The names of the kernels `compute` runs on `backendName`, in order, each time it runs one (what
 * tells a fast path from a silent fallback: tf.profile records every kernel the engine runs).
 */
export async function kernelsRunOn(
  backendName: string,
  compute: () => tf.TensorContainer | Promise<tf.TensorContainer>,
): Promise<string[]> {
  const previous = tf.getBackend();
  await tf.setBackend(backendName);
  try {
    const profile = await tf.profile(compute);
    tf.dispose(profile.result);
    return profile.kernels.map(({ name }) => name);
  } finally {
    await tf.setBackend(previous);
  }
}

/** Largest absolute difference, relative to the largest magnitude in `expected` (at least 1). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  return worst / scale;
}

/**
 * Within the calling describe block, switches this package's SIMD kernels on or off through tfjs's
 * `WASM_HAS_SIMD_SUPPORT` flag (tfjs's own WASM binary is unaffected once loaded), so the same
 * agreement tests cover the SIMD paths and the plain fallbacks.
 */
export function useSimdKernels(enabled: boolean): void {
  let previous: boolean | undefined;
  beforeAll(() => {
    previous = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    tf.env().set('WASM_HAS_SIMD_SUPPORT', enabled);
  });
  afterAll(() => {
    if (previous !== undefined) tf.env().set('WASM_HAS_SIMD_SUPPORT', previous);
  });
}

/**
 * Within the calling describe block, the 'wasm' kernels multiply with `products` (undefined:
 * tfjs's stock XNNPACK everywhere), and the products in use before are restored after.
 */
export function useProducts(products: MatrixProducts | undefined): void {
  let previous: MatrixProducts | undefined;
  beforeAll(() => {
    previous = activeMatrixProducts();
    useMatrixProducts(products);
  });
  afterAll(() => {
    useMatrixProducts(previous);
  });
}
