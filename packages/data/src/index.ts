// The public, platform-neutral door of @fashion-lab/data: runs in Node and in the browser.
export {
  FASHION_MNIST_CLASS_NAMES,
  IMAGE_PIXELS,
  IMAGE_SIZE,
  MNIST_CLASS_NAMES,
  NUM_CLASSES,
} from './class-names.js';
export type { Dataset, DatasetName, ImageSet } from './dataset.js';
export { IdxFormatError, type IdxFormatErrorDetails } from './idx-format-error.js';
export {
  combineImageSet,
  parseIdx,
  parseImages,
  parseLabels,
  type IdxContent,
  type ParsedImages,
} from './parse-idx.js';
export { createRng, type Rng } from './rng.js';
export { shuffledIndices } from './shuffled-indices.js';
export { subset } from './subset.js';
export { splitTrainValidation, type SplitOptions } from './split-train-validation.js';
export { normalizeImages } from './normalize-images.js';
export type { Batch } from './batch.js';
export { batches, type BatchOptions } from './batches.js';
export { augmentBatch, DEFAULT_AUGMENT, type AugmentOptions } from './augment-batch.js';
export { classCounts } from './class-counts.js';
export { encodeIdx } from './encode-idx.js';
export { encodeGrayPng, grayPngDataUri } from './gray-png.js';
export { colorPngDataUri, encodeColorPng, type ColorLayout } from './color-png.js';
