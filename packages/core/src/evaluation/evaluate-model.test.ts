import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { silenceTfjsNodeHint } from '@fashion-lab/tfjs-wasm-training';
import { crossEntropyFromProbs, evaluateModel } from './evaluate-model.js';
import { evaluatePredictions } from './evaluate-predictions.js';
import { predictProbabilities } from './predict-probabilities.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  silenceTfjsNodeHint();
});

function tinyModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  model.add(
    tf.layers.dense({
      units: 10,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
    }),
  );
  return model;
}

describe('evaluateModel', () => {
  it('evaluates in batches exactly as one big prediction would, leaking no tensors', async () => {
    const count = 1234; // two batches: 1000 and 234
    const images = new Uint8Array(count * 784).map((_, i) => (i * 2654435761) % 251);
    const labels = new Uint8Array(count).map((_, i) => (i * 7) % 10);
    const model = tinyModel();
    const before = tf.memory().numTensors;
    const evaluation = await evaluateModel(model, { images, labels, count });
    expect(tf.memory().numTensors).toBe(before);

    const all = tf.tidy(
      () => model.predict(tf.tensor4d(images, [count, 28, 28, 1]).div(255)) as tf.Tensor,
    );
    const probs = new Float32Array(await all.data());
    const expectedLoss = tf.tidy(
      () =>
        tf.metrics
          .categoricalCrossentropy(tf.oneHot(tf.tensor1d(labels, 'int32'), 10), all)
          .mean()
          .dataSync()[0]!,
    );
    all.dispose();
    model.dispose();
    const reference = evaluatePredictions(probs, labels, images, expectedLoss);
    expect(evaluation.confusion).toEqual(reference.confusion);
    expect(evaluation.predictions).toBe(reference.predictions);
    expect(evaluation.testAcc).toBe(reference.testAcc);
    expect(evaluation.testLoss).toBeCloseTo(expectedLoss, 4);
    expect(evaluation.samples.length).toBeGreaterThan(0);
  });
});

describe('predictProbabilities', () => {
  it("with tta 'flip' averages each image's prediction with its mirror's, leaking no tensors", async () => {
    const count = 1003; // two batches: 1000 and 3
    const images = new Uint8Array(count * 784).map((_, i) => (i * 2654435761) % 251);
    const labels = new Uint8Array(count);
    // Each image reversed along its rows: column x of row y becomes column 27 - x.
    const mirrored = images.map((_, i) => {
      const column = i % 28;
      return images[i - column + 27 - column]!;
    });
    const model = tinyModel();
    const before = tf.memory().numTensors;
    const averaged = await predictProbabilities(model, { images, labels, count }, { tta: 'flip' });
    expect(tf.memory().numTensors).toBe(before);
    const plain = await predictProbabilities(model, { images, labels, count });
    const ofMirrors = await predictProbabilities(model, { images: mirrored, labels, count });
    model.dispose();
    // The model tells the two apart (the test would pass for any averaging otherwise).
    expect(Math.max(...plain.map((p, i) => Math.abs(p - ofMirrors[i]!)))).toBeGreaterThan(0.05);
    for (let i = 0; i < averaged.length; i++) {
      expect(averaged[i]).toBeCloseTo((plain[i]! + ofMirrors[i]!) / 2, 6);
    }
    expect(
      await predictProbabilities(tinyModel(), { images, labels, count }, { tta: 'off' }),
    ).toEqual(plain);
  });
});

describe('crossEntropyFromProbs', () => {
  it('is the mean -log of the true class probability, clipped at 1e-7', () => {
    const probs = new Float32Array([
      0.5,
      0.5,
      ...new Array(8).fill(0),
      0,
      ...new Array(9).fill(1 / 9),
    ]);
    expect(crossEntropyFromProbs(probs, new Uint8Array([0, 0]))).toBeCloseTo(
      (-Math.log(0.5) - Math.log(1e-7)) / 2,
      5,
    );
    expect(crossEntropyFromProbs(new Float32Array(0), new Uint8Array(0))).toBe(0);
  });
});
