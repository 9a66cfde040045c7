import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../kernel-tests.test-support.js';
import { dropoutFields } from '../tfjs-internals.js';
import { dropoutLayerCount, reseedDropout, setDropoutSeeds } from './dropout-seeds.js';

useBackend('cpu');

/** dense -> dropout -> dense -> dropout, the second without a seed of its own. */
function network(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [4], units: 8 }),
      tf.layers.dropout({ rate: 0.5, seed: 1 }),
      tf.layers.dense({ units: 8 }),
      tf.layers.dropout({ rate: 0.25 }),
    ],
  });
}

function seeds(model: tf.LayersModel): (number | undefined)[] {
  return model.layers
    .filter((layer) => layer.getClassName() === 'Dropout')
    .map((layer) => dropoutFields(layer)?.seed);
}

describe('dropout seeds', () => {
  it('counts the Dropout layers and sets their seeds in layer order', () => {
    const model = network();
    expect(dropoutLayerCount(model)).toBe(2);
    setDropoutSeeds(model, [11, 22]);
    expect(seeds(model)).toEqual([11, 22]);
    model.dispose();
  });

  it('reseedDropout draws one seed per Dropout layer from the source, in layer order', () => {
    const model = network();
    let next = 100;
    reseedDropout(model, { nextUint32: () => next++ });
    expect(seeds(model)).toEqual([100, 101]);
    reseedDropout(model, { nextUint32: () => next++ });
    expect(seeds(model)).toEqual([102, 103]);
    model.dispose();
  });

  it('refuses a seed list that does not match the layers, naming both counts', () => {
    const model = network();
    expect(() => setDropoutSeeds(model, [1])).toThrow(
      'setDropoutSeeds: got 1 dropout seeds for 2 Dropout layers',
    );
    model.dispose();
  });
});
