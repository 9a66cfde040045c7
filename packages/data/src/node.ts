// The Node-only door of @fashion-lab/data: finding, downloading and reading the dataset files.
export {
  DATASET_DIR_ENV,
  DATASET_FILES,
  DATASET_MIRRORS,
  DEBIAN_DATASET_DIR,
  FASHION_MNIST_CHECKSUMS,
} from './node/dataset-files.js';
export { decompressIdx, readIdxFile } from './node/read-idx-file.js';
export {
  defaultCacheDir,
  findDatasetFiles,
  locateDataset,
  type LocateOptions,
} from './node/locate-dataset.js';
export {
  downloadDataset,
  DownloadError,
  type DownloadAttempt,
  type DownloadOptions,
  type DownloadProgress,
} from './node/download-dataset.js';
export { DatasetNotFoundError } from './node/dataset-not-found-error.js';
export { loadDataset, type LoadOptions } from './node/load-dataset.js';
export { DirectoryCreateError, makeDirectory } from './node/make-directory.js';
