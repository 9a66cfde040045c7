import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../models/registry.js';
import { selectBackend } from '../node/backend.js';
import { copyModelWeights, loadModelWeights } from './model-weights.js';
import { serializeModel } from './serialize-model.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('copyModelWeights and loadModelWeights', () => {
  it('copy the weights model.save writes, with the same specs, BatchNorm statistics included', async () => {
    const model = MODELS['cnn-regularized'].build(1);
    const saved = await serializeModel(model);
    const copy = await copyModelWeights(model);
    model.dispose();
    expect(copy.weightSpecs).toEqual(saved.weightSpecs);
    const savedBytes = Buffer.from(tf.io.CompositeArrayBuffer.join(saved.weightData));
    expect(Buffer.from(copy.weightData).equals(savedBytes)).toBe(true);
  });

  it('put the copied weights into another model of the same kind, leaking no tensors', async () => {
    const source = MODELS.dense.build(1);
    const target = MODELS.dense.build(2);
    const copy = await copyModelWeights(source);
    const tensorsBefore = tf.memory().numTensors;
    loadModelWeights(target, copy);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const loaded = Buffer.from((await copyModelWeights(target)).weightData);
    expect(loaded.equals(Buffer.from(copy.weightData))).toBe(true);
    source.dispose();
    target.dispose();
  });

  it('refuse weights of another architecture', async () => {
    const dense = MODELS.dense.build(1);
    const cnn = MODELS.cnn.build(1);
    const copy = await copyModelWeights(dense);
    expect(() => loadModelWeights(cnn, copy)).toThrow(/no target variable/);
    dense.dispose();
    cnn.dispose();
  });
});
