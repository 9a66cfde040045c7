import * as tf from '@tensorflow/tfjs';

/**
 * Hand-built models and images where only the top-left quadrant decides the class, for checking
 * where saliency maps put the heat. Class 0: a horizontal bar in the top-left quadrant; class 1: a
 * vertical one. The other three quadrants hold the other orientation as a distractor the models
 * ignore.
 */

/** Pixels (row, column) of a 2-pixel-thick bar of length 8 centred in the quadrant at (top, left). */
function bar(top: number, left: number, horizontal: boolean): [number, number][] {
  const cells: [number, number][] = [];
  for (let along = 3; along <= 10; along++) {
    for (const across of [6, 7]) {
      cells.push(horizontal ? [top + across, left + along] : [top + along, left + across]);
    }
  }
  return cells;
}

/** The test image of `klass` (0 or 1), as 784 dataset bytes, and the pixels of its deciding bar. */
export function quadrantImage(klass: 0 | 1): { image: Uint8Array; decidingBar: Set<number> } {
  const image = new Uint8Array(784);
  const deciding = bar(0, 0, klass === 0);
  for (const [row, column] of deciding) image[row * 28 + column] = 255;
  for (const [top, left] of [
    [0, 14],
    [14, 0],
    [14, 14],
  ] as const) {
    for (const [row, column] of bar(top, left, klass !== 0)) image[row * 28 + column] = 255;
  }
  return { image, decidingBar: new Set(deciding.map(([row, column]) => row * 28 + column)) };
}

/** True for a pixel index in the top-left 14x14 quadrant. */
export function inTopLeft(pixel: number): boolean {
  return Math.floor(pixel / 28) < 14 && pixel % 28 < 14;
}

/**
 * A CNN with hand-set weights: a stride-2 convolution with a horizontal-bar and a vertical-bar
 * detector (14x14x2, each firing only on a bar of its own orientation), flatten, softmax Dense whose class 0 logit is (horizontal - vertical) summed
 * over the top-left 7x7 cells and class 1 logit the opposite; every other class scores 0.
 */
export function quadrantCnn(): tf.LayersModel {
  const model = tf.sequential({
    name: 'quadrant_cnn',
    layers: [
      tf.layers.conv2d({
        name: 'bar_detectors',
        inputShape: [28, 28, 1],
        filters: 2,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        activation: 'relu',
      }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({ name: 'classes', units: 10, activation: 'softmax' }),
    ],
  });
  // kernel[row][column][0][filter]: filter 0 wants a bright middle row, filter 1 a bright middle column.
  const kernel = new Float32Array(3 * 3 * 2);
  for (let row = 0; row < 3; row++) {
    for (let column = 0; column < 3; column++) {
      kernel[(row * 3 + column) * 2] = row === 1 ? 1 : -0.5;
      kernel[(row * 3 + column) * 2 + 1] = column === 1 ? 1 : -0.5;
    }
  }
  const weights = new Float32Array(14 * 14 * 2 * 10);
  for (let row = 0; row < 7; row++) {
    for (let column = 0; column < 7; column++) {
      const cell = (row * 14 + column) * 2;
      weights[cell * 10 + 0] = 1; // horizontal, for class 0
      weights[(cell + 1) * 10 + 0] = -1; // vertical, against class 0
      weights[cell * 10 + 1] = -1;
      weights[(cell + 1) * 10 + 1] = 1;
    }
  }
  tf.tidy(() => {
    // The bias -1 silences the detectors at the ends of the other orientation's bars.
    model.layers[0]!.setWeights([tf.tensor4d(kernel, [3, 3, 1, 2]), tf.fill([2], -1)]);
    model.layers[2]!.setWeights([tf.tensor2d(weights, [392, 10]), tf.zeros([10])]);
  });
  return model;
}

/**
 * A dense net with hand-set weights: class 0's logit is the top-left quadrant's summed brightness
 * minus 10, every other class scores -50 flat (nothing else in the image counts).
 */
export function quadrantDense(): tf.LayersModel {
  const model = tf.sequential({
    name: 'quadrant_dense',
    layers: [
      tf.layers.flatten({ name: 'flatten', inputShape: [28, 28, 1] }),
      tf.layers.dense({ name: 'classes', units: 10, activation: 'softmax' }),
    ],
  });
  const weights = new Float32Array(784 * 10);
  for (let pixel = 0; pixel < 784; pixel++) if (inTopLeft(pixel)) weights[pixel * 10] = 1;
  const bias = Float32Array.from({ length: 10 }, (_, klass) => (klass === 0 ? -10 : -50));
  tf.tidy(() => model.layers[1]!.setWeights([tf.tensor2d(weights, [784, 10]), tf.tensor1d(bias)]));
  return model;
}
