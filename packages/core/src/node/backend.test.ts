import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BackendUnavailableError } from '../backend/backend-unavailable-error.js';
import { selectBackend } from './backend.js';

/** tfjs-node is an optional dependency: these tests hold whether or not it installed. */
function tfjsNodeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

let previousBackend: string | undefined;

beforeAll(() => {
  previousBackend = tf.getBackend() as string | undefined;
});

afterAll(async () => {
  if (previousBackend !== undefined) await tf.setBackend(previousBackend);
});

describe('selectBackend', () => {
  // First in the file: each test file loads its own tfjs, whose cpu backend has not written a
  // tensor yet, so the hint would print on the next write (tfjs-wasm-training tests the guard).
  it("silences tfjs's one-time Node hint on the cpu backend", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await selectBackend('cpu')).toBe('cpu');
    tf.tensor([1, 2, 3]).dispose();
    expect(warn).not.toHaveBeenCalled();
  });

  it('selects the cpu backend', async () => {
    expect(await selectBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('loads the SIMD WASM binary in Node and registers the training kernels', async () => {
    expect(await selectBackend('wasm')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')).toBe(true);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    const sum = tf.add(tf.tensor([1, 2]), tf.tensor([3, 4]));
    expect(await sum.data()).toEqual(new Float32Array([4, 6]));
    sum.dispose();
  });

  it('names FASHION_LAB_PRODUCTS and its choices when it holds neither ours nor xnnpack', async () => {
    vi.stubEnv('FASHION_LAB_PRODUCTS', 'fast');
    try {
      await expect(selectBackend('wasm')).rejects.toThrow(
        "FASHION_LAB_PRODUCTS: expected 'ours' or 'xnnpack', got 'fast'",
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it.runIf(!tfjsNodeInstalled())(
    'explains that tfjs-node is missing when asked for it',
    async () => {
      await expect(selectBackend('node')).rejects.toThrow(BackendUnavailableError);
      await expect(selectBackend('node')).rejects.toThrow(
        /'node' backend is not available: @tensorflow\/tfjs-node/,
      );
    },
  );

  it("'auto' prefers tfjs-node, else WASM", async () => {
    const expected = tfjsNodeInstalled() ? 'node' : 'wasm';
    expect(await selectBackend('auto')).toBe(expected);
    expect(tf.getBackend()).toBe(expected === 'node' ? 'tensorflow' : 'wasm');
  });
});
