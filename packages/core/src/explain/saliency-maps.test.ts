import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { silenceTfjsNodeHint } from '@fashion-lab/tfjs-wasm-training';
import { cnnModel } from '../models/cnn.js';
import { denseModel } from '../models/dense.js';
import { gradCamLayer } from './grad-cam.js';
import {
  inTopLeft,
  quadrantCnn,
  quadrantDense,
  quadrantImage,
} from './quadrant-models.test-support.js';
import { saliencyMaps, type SaliencyMethod } from './saliency-maps.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  silenceTfjsNodeHint();
});

/** The share of a map's heat in the top-left quadrant, and its mean on vs off the deciding bar. */
function whereTheHeatIs(map: Float32Array, decidingBar: Set<number>) {
  let total = 0;
  let topLeft = 0;
  let onBar = 0;
  let elsewhereInQuadrant = 0;
  map.forEach((heat, pixel) => {
    total += heat;
    if (!inTopLeft(pixel)) return;
    topLeft += heat;
    if (decidingBar.has(pixel)) onBar += heat;
    else elsewhereInQuadrant += heat;
  });
  return {
    topLeftShare: topLeft / total,
    barToRest: onBar / decidingBar.size / (elsewhereInQuadrant / (196 - decidingBar.size)),
  };
}

function images(...classes: (0 | 1)[]): Uint8Array {
  const bytes = new Uint8Array(classes.length * 784);
  classes.forEach((klass, i) => bytes.set(quadrantImage(klass).image, i * 784));
  return bytes;
}

describe('saliencyMaps on a model where only the top-left quadrant decides', () => {
  it('predicts the classes the quadrant says, whatever the distractors', () => {
    const model = quadrantCnn();
    const probs = tf.tidy(() =>
      tf.argMax(model.predict(tf.tensor4d(images(0, 1), [2, 28, 28, 1]).div(255)) as tf.Tensor, 1),
    );
    expect(Array.from(probs.dataSync())).toEqual([0, 1]);
    probs.dispose();
    model.dispose();
  });

  it.for<[string, () => tf.LayersModel, SaliencyMethod]>([
    ['Grad-CAM of the CNN', quadrantCnn, 'grad-cam'],
    ['SmoothGrad of the CNN', quadrantCnn, 'smoothgrad'],
    ['SmoothGrad of the dense net', quadrantDense, 'smoothgrad'],
  ])('%s puts the heat on the deciding bar, in [0, 1]', async ([, build, method]) => {
    const model = build();
    const klass = 0;
    const { decidingBar } = quadrantImage(klass);
    const [map] = await saliencyMaps(model, images(klass), { method, smoothGrad: { seed: 1 } });
    model.dispose();
    expect(map).toHaveLength(784);
    expect(Math.max(...map!)).toBe(1);
    expect(Math.min(...map!)).toBeGreaterThanOrEqual(0);
    // A flipped gradient sign puts Grad-CAM's heat on the distractors (the share drops) and
    // SmoothGrad's on the quadrant's dark background (the bar is no hotter than the rest).
    const heat = whereTheHeatIs(map!, decidingBar);
    expect(heat.topLeftShare).toBeGreaterThan(0.9);
    expect(heat.barToRest).toBeGreaterThan(3);
  });

  it('Grad-CAM explains a chosen class too: class 1 on a class-0 image looks at the vertical distractors', async () => {
    const model = quadrantCnn();
    const [predicted, chosen] = await saliencyMaps(model, images(0, 0), {
      method: 'grad-cam',
      classes: [0, 1],
    });
    model.dispose();
    expect(whereTheHeatIs(predicted!, quadrantImage(0).decidingBar).topLeftShare).toBeGreaterThan(
      0.9,
    );
    expect(whereTheHeatIs(chosen!, quadrantImage(0).decidingBar).topLeftShare).toBeLessThan(0.1);
  });

  it('uses the last convolution layer', () => {
    const model = cnnModel.build(1);
    expect(gradCamLayer(model)).toBe('conv2d_3');
    model.dispose();
  });

  it('refuses Grad-CAM for a model without a convolution, naming it', async () => {
    const model = denseModel.build(1);
    await expect(saliencyMaps(model, images(0), { method: 'grad-cam' })).rejects.toThrow(
      'Grad-CAM needs a convolution layer; model "dense" has none',
    );
    model.dispose();
  });

  it('SmoothGrad repeats with the same seed and changes with another', async () => {
    const model = quadrantDense();
    const input = images(0, 1);
    const first = await saliencyMaps(model, input, {
      method: 'smoothgrad',
      smoothGrad: { seed: 7 },
    });
    const again = await saliencyMaps(model, input, {
      method: 'smoothgrad',
      smoothGrad: { seed: 7 },
    });
    const other = await saliencyMaps(model, input, {
      method: 'smoothgrad',
      smoothGrad: { seed: 8 },
    });
    model.dispose();
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it.for<SaliencyMethod>(['grad-cam', 'smoothgrad'])(
    '%s leaves no tensor behind, over several batches',
    async (method) => {
      const model = cnnModel.build(3);
      const before = tf.memory().numTensors;
      const count = 70; // two batches: 64 and 6
      const bytes = new Uint8Array(count * 784).map((_, i) => (i * 2654435761) % 251);
      const maps = await saliencyMaps(model, bytes, {
        method,
        smoothGrad: { samples: 2, seed: 1 },
      });
      expect(tf.memory().numTensors).toBe(before);
      expect(maps).toHaveLength(count);
      model.dispose();
    },
  );

  it('names images that are not whole 28x28 images', async () => {
    const model = quadrantDense();
    await expect(
      saliencyMaps(model, new Uint8Array(785), { method: 'smoothgrad' }),
    ).rejects.toThrow('saliencyMaps: 785 bytes are not whole 28x28 images');
    model.dispose();
  });
});
