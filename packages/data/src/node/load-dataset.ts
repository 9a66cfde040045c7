import { createHash } from 'node:crypto';
import { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES } from '../class-names.js';
import type { Dataset, DatasetName } from '../dataset.js';
import { IdxFormatError } from '../idx-format-error.js';
import { combineImageSet, parseImages, parseLabels } from '../parse-idx.js';
import { DATASET_FILES, FASHION_MNIST_CHECKSUMS } from './dataset-files.js';
import { datasetRemedy, DatasetNotFoundError } from './dataset-not-found-error.js';
import { DownloadError, downloadDataset, type DownloadProgress } from './download-dataset.js';
import {
  defaultCacheDir,
  fallbackDirs,
  findDatasetFiles,
  locateDataset,
} from './locate-dataset.js';
import { readIdxFile } from './read-idx-file.js';

/** Where to find the dataset and whether fetching it is allowed. */
export interface LoadOptions {
  dataset?: DatasetName;
  dataDir?: string;
  /** Download into the user cache when no copy is found (default true). */
  download?: boolean;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** Mirrors to download from instead of the dataset's public ones. */
  mirrors?: readonly string[];
  /**
   * Also check the SHA-256 of every decompressed Fashion-MNIST file (about +0.15 s). Downloads are
   * always verified; this is for copies that came from elsewhere. Default false.
   */
  verify?: boolean;
}

function checkChecksum(bytes: Uint8Array, path: string, base: string): void {
  const expected = FASHION_MNIST_CHECKSUMS[base];
  if (!expected) return;
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected.sha256) {
    throw new IdxFormatError(
      path,
      `sha256 ${actual} does not match the published ${expected.sha256}`,
      {
        expected: expected.sha256,
        actual,
      },
    );
  }
}

/** Locates the dataset, else downloads it (unless `download: false`), then parses and validates all four files. */
export async function loadDataset(options: LoadOptions = {}): Promise<Dataset> {
  const dataset = options.dataset ?? 'fashion-mnist';
  const env = options.env ?? process.env;
  let dir = await locateDataset({
    dataset,
    env,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  if (dir === undefined) {
    const searched = fallbackDirs(dataset, env);
    if (options.download === false) {
      throw new DatasetNotFoundError(
        `${dataset} was not found in ${searched.join(' or ')} and downloading is off: ${datasetRemedy(dataset)}.`,
        { dataset, searched },
      );
    }
    try {
      dir = await downloadDataset({
        dataset,
        cacheDir: defaultCacheDir(dataset, env),
        ...(options.mirrors ? { mirrors: options.mirrors } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      throw new DatasetNotFoundError(
        `${dataset} was not found in ${searched.join(' or ')} and could not be downloaded (${error.message}): ${datasetRemedy(dataset)}.`,
        { dataset, searched },
        { cause: error },
      );
    }
  }
  const { files, missing } = await findDatasetFiles(dir);
  const { trainImages, trainLabels, testImages, testLabels } = files;
  if (!trainImages || !trainLabels || !testImages || !testLabels) {
    // Only reachable if files vanish between locating and reading.
    throw new DatasetNotFoundError(
      `${dir} no longer holds ${missing.join(', ')}: ${datasetRemedy(dataset)}.`,
      { dataset, searched: [dir], missing },
    );
  }
  // All four at once: zlib runs on libuv's thread pool, so the big gunzip overlaps the small ones.
  const [trainImageBytes, trainLabelBytes, testImageBytes, testLabelBytes] = await Promise.all([
    readIdxFile(trainImages),
    readIdxFile(trainLabels),
    readIdxFile(testImages),
    readIdxFile(testLabels),
  ]);
  if (options.verify && dataset === 'fashion-mnist') {
    checkChecksum(trainImageBytes, trainImages, DATASET_FILES.trainImages);
    checkChecksum(trainLabelBytes, trainLabels, DATASET_FILES.trainLabels);
    checkChecksum(testImageBytes, testImages, DATASET_FILES.testImages);
    checkChecksum(testLabelBytes, testLabels, DATASET_FILES.testLabels);
  }
  const train = combineImageSet(
    parseImages(trainImageBytes, trainImages),
    parseLabels(trainLabelBytes, trainLabels),
    trainImages,
    trainLabels,
  );
  const test = combineImageSet(
    parseImages(testImageBytes, testImages),
    parseLabels(testLabelBytes, testLabels),
    testImages,
    testLabels,
  );
  return {
    name: dataset,
    classNames: dataset === 'fashion-mnist' ? FASHION_MNIST_CLASS_NAMES : MNIST_CLASS_NAMES,
    train,
    test,
  };
}
