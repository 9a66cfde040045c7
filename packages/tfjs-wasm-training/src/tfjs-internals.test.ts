import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  adamState,
  batchNormFields,
  dropoutFields,
  fastPathsSupported,
  loadedTfjsVersions,
  replaceTrainingCall,
  silenceTfjsNodeHint,
  TFJS_VERSION,
  tfjsVersionMismatch,
  wasmHeapMemory,
  type WasmBackend,
} from './tfjs-internals.js';

beforeAll(async () => {
  // Not silenced here: the first test checks that silenceTfjsNodeHint does it.
  await tf.setBackend('cpu');
});

/** Captures console.warn (the quiet-console setup fails any test that writes unexpectedly). */
function captureWarnings(): string[] {
  const warnings: string[] = [];
  vi.spyOn(console, 'warn').mockImplementation((message: unknown) => {
    warnings.push(String(message));
  });
  return warnings;
}

/** One sentence: one line, a capital or '@' first, no sentence break inside, a full stop last. */
const ONE_SENTENCE = /^[@A-Z](?:(?!\. [A-Z]).)*\.$/;

describe('the tfjs version', () => {
  // First in the file: this module's cpu backend has not written a tensor yet.
  it('silenceTfjsNodeHint marks the Node hint as shown, so the first write prints nothing', () => {
    const cpu = tf.findBackend('cpu') as unknown as { firstUse: boolean };
    expect(cpu.firstUse).toBe(true); // the field tfjs guards its hint with, as this module reads it
    silenceTfjsNodeHint();
    expect(cpu.firstUse).toBe(false);
    const warnings = captureWarnings();
    tf.tensor([1, 2, 3]).dispose();
    expect(warnings).toEqual([]);
  });

  it('silenceTfjsNodeHint also silences another instance of the cpu backend', () => {
    const instance = (tf.findBackendFactory('cpu') as () => tf.KernelBackend)();
    silenceTfjsNodeHint(instance);
    const warnings = captureWarnings();
    const dataId = instance.write(new Float32Array([1, 2]), [2], 'float32');
    instance.disposeData(dataId);
    instance.dispose();
    expect(warnings).toEqual([]);
  });

  it('is the one the fast paths were written for, in every tfjs package they read', () => {
    expect(Object.values(loadedTfjsVersions())).toEqual([
      TFJS_VERSION,
      TFJS_VERSION,
      TFJS_VERSION,
      TFJS_VERSION,
    ]);
    expect(tfjsVersionMismatch(loadedTfjsVersions())).toBeUndefined();
    expect(fastPathsSupported()).toBe(true);
  });

  it('another version turns the fast paths off, in one sentence naming what was found', () => {
    const message = tfjsVersionMismatch({
      'tfjs-core': '4.23.0',
      'tfjs-layers': TFJS_VERSION,
      'tfjs-backend-wasm': '4.23.0',
    });
    expect(message).toMatch(ONE_SENTENCE);
    expect(message).toContain(`written for tfjs ${TFJS_VERSION}`);
    expect(message).toContain('tfjs-core 4.23.0, tfjs-backend-wasm 4.23.0');
    expect(message).not.toContain('tfjs-layers');
  });
});

describe('a missing internal', () => {
  it("makes Adam's state unavailable with one warning, however often it is asked", () => {
    const warnings = captureWarnings();
    const sgd = tf.train.sgd(0.1); // a real optimizer without Adam's private fields
    expect(adamState(sgd)).toBeUndefined();
    expect(adamState(sgd)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(ONE_SENTENCE);
    expect(warnings[0]).toMatch(/Adam state .* so it trains without the fused Adam step/);
    const adam = tf.train.adam(0.1);
    expect(adamState(adam)?.accBeta1).toBeInstanceOf(tf.Variable);
    expect(warnings).toHaveLength(1);
    sgd.dispose();
    adam.dispose();
  });

  it('makes the BatchNorm and Dropout fields of another layer unavailable, warning once each', () => {
    const warnings = captureWarnings();
    const dense = tf.layers.dense({ units: 2 });
    expect(batchNormFields(dense)).toBeUndefined();
    expect(dropoutFields(dense)).toBeUndefined();
    expect(batchNormFields(dense)).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/BatchNormalization .* closed-form BatchNorm gradient/);
    expect(warnings[1]).toMatch(/Dropout .* seeded dropout/);
    warnings.forEach((warning) => expect(warning).toMatch(ONE_SENTENCE));
  });

  it('reads the fields of real BatchNormalization and Dropout layers', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [3], units: 4 }),
        tf.layers.batchNormalization({ momentum: 0.9, epsilon: 0.01 }),
        tf.layers.dropout({ rate: 0.25, seed: 7 }),
      ],
    });
    const batchNorm = batchNormFields(model.layers[1]!);
    expect(batchNorm).toMatchObject({ axis: -1, momentum: 0.9, epsilon: 0.01 });
    expect(batchNorm?.gamma).toBeInstanceOf(tf.LayerVariable);
    expect(dropoutFields(model.layers[2]!)).toEqual({
      rate: 0.25,
      seed: 7,
      noiseShape: undefined,
    });
    model.dispose();
  });

  it('leaves the SIMD kernels off with one warning on a backend without a WASM heap', () => {
    const warnings = captureWarnings();
    // The cpu backend stands in for a WASM backend whose build hides its Emscripten module.
    const hidden = tf.findBackend('cpu') as unknown as WasmBackend;
    expect(wasmHeapMemory(hidden)).toBeUndefined();
    expect(wasmHeapMemory(hidden)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/WASM module heap .* without the SIMD training kernels/);
  });
});

describe('replaceTrainingCall', () => {
  function model(): tf.Sequential {
    return tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 2, kernelInitializer: 'ones' }),
        tf.layers.dropout({ rate: 0.5 }),
      ],
    });
  }

  it('runs its training pass in training calls and the stock call everywhere else', () => {
    const network = model();
    const calls: string[] = [];
    const training = (layer: tf.layers.Layer, input: tf.Tensor): tf.Tensor => {
      calls.push(layer.getClassName());
      return tf.mul(input, 10);
    };
    replaceTrainingCall(network, 'Dropout', training);
    replaceTrainingCall(network, 'Dropout', training); // once per layer: not wrapped twice
    const x = tf.ones([1, 2]);
    const dropout = network.layers[1]!;
    const trained = dropout.apply(x, { training: true }) as tf.Tensor;
    const inferred = dropout.apply(x) as tf.Tensor;
    expect(Array.from(trained.dataSync())).toEqual([10, 10]);
    expect(Array.from(inferred.dataSync())).toEqual([1, 1]);
    expect(calls).toEqual(['Dropout']);
    expect(dropout.getClassName()).toBe('Dropout'); // still the stock class, so it saves as one
    tf.dispose([x, trained, inferred]);
    network.dispose();
  });

  it('falls back to the stock call where the training pass returns undefined', () => {
    const network = model();
    replaceTrainingCall(network, 'Dropout', () => undefined);
    const x = tf.ones([1, 2]);
    const output = network.layers[1]!.apply(x, { training: true }) as tf.Tensor;
    // Stock dropout at rate 0.5: each value is 0 or 2.
    expect(Array.from(output.dataSync()).every((value) => value === 0 || value === 2)).toBe(true);
    tf.dispose([x, output]);
    network.dispose();
  });
});
