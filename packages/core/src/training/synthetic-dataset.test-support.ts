import {
  FASHION_MNIST_CLASS_NAMES,
  createRng,
  type Dataset,
  type ImageSet,
} from '@fashion-lab/data';

/**
 * A tiny learnable dataset for training tests: class k is a bright horizontal bar at rows
 * 2k..2k+2 over faint noise, so a dense net separates it within an epoch or two.
 */
export function syntheticImageSet(count: number, seed: number): ImageSet {
  const rng = createRng(seed);
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labels[i] = label;
    for (let p = 0; p < 784; p++) images[i * 784 + p] = Math.floor(rng.next() * 40);
    for (let row = 2 * label + 3; row < 2 * label + 6; row++) {
      for (let col = 4; col < 24; col++) images[i * 784 + row * 28 + col] = 200 + rng.nextInt(56);
    }
  }
  return { images, labels, count };
}

/** A synthetic stand-in for Fashion-MNIST with `trainCount` training and `testCount` test images. */
export function syntheticDataset(trainCount = 400, testCount = 100): Dataset {
  return {
    name: 'fashion-mnist',
    classNames: FASHION_MNIST_CLASS_NAMES,
    train: syntheticImageSet(trainCount, 1),
    test: syntheticImageSet(testCount, 2),
  };
}
