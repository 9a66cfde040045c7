import type { DatasetName } from '../dataset.js';

/** The four files of a dataset, as base names without `.gz` (both datasets use the same names). */
export const DATASET_FILES = Object.freeze({
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
});

/** Size and SHA-256 of each decompressed Fashion-MNIST file (mirrors re-compress, so .gz hashes differ). */
export const FASHION_MNIST_CHECKSUMS: Record<string, { bytes: number; sha256: string }> =
  Object.freeze({
    'train-images-idx3-ubyte': {
      bytes: 47_040_016,
      sha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
    },
    'train-labels-idx1-ubyte': {
      bytes: 60_008,
      sha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
    },
    't10k-images-idx3-ubyte': {
      bytes: 7_840_016,
      sha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
    },
    't10k-labels-idx1-ubyte': {
      bytes: 10_008,
      sha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
    },
  });

/** Where Debian/Ubuntu's `dataset-fashion-mnist` package installs the four .gz files. */
export const DEBIAN_DATASET_DIR = '/usr/share/datasets/fashion-mnist';

/** Public mirrors serving `<base name>.gz`, tried in order. */
export const DATASET_MIRRORS: Readonly<Record<DatasetName, readonly string[]>> = Object.freeze({
  'fashion-mnist': Object.freeze([
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
    'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/',
  ]),
  mnist: Object.freeze([
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
  ]),
});

/** The environment variable naming a folder that holds each dataset's files. */
export const DATASET_DIR_ENV: Readonly<Record<DatasetName, string>> = Object.freeze({
  'fashion-mnist': 'FASHION_MNIST_DIR',
  mnist: 'MNIST_DIR',
});

/** The four base names in a fixed order: images before labels, train before test. */
export const DATASET_FILE_NAMES: readonly string[] = Object.freeze(Object.values(DATASET_FILES));
