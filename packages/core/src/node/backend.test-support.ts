import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';
import type { BackendChoice } from '@fashion-lab/run';
import { selectBackend } from './backend.js';

/** Runs the calling test file on `choice` and puts the previous tfjs backend back afterwards. */
export function useBackendForFile(choice: BackendChoice): void {
  let previousBackend: string | undefined;
  beforeAll(async () => {
    previousBackend = tf.getBackend() as string | undefined;
    await selectBackend(choice);
  });
  afterAll(async () => {
    if (previousBackend !== undefined) await tf.setBackend(previousBackend);
  });
}

/**
 * Within the calling describe block, switches the WASM SIMD training kernels on or off through
 * tfjs's `WASM_HAS_SIMD_SUPPORT` flag (tfjs's own WASM binary is unaffected once loaded), so a
 * test covers both the SIMD paths and the plain fallbacks.
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
