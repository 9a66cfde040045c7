import { rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES } from '../class-names.js';
import { encodeIdx } from '../encode-idx.js';
import { IdxFormatError } from '../idx-format-error.js';
import { DATASET_FILES } from './dataset-files.js';
import { datasetRemedy, DatasetNotFoundError } from './dataset-not-found-error.js';
import { DownloadError } from './download-dataset.js';
import { loadDataset } from './load-dataset.js';
import {
  makeTempDir,
  tinyDatasetFiles,
  writeDatasetFiles,
} from './test-dataset-files.test-support.js';

const files = tinyDatasetFiles();
let root = '';
let server: Server;
let mirror = '';

beforeAll(async () => {
  root = await makeTempDir();
  server = createServer((request, response) => {
    const name = (request.url ?? '').slice(1).replace(/\.gz$/, '');
    const bytes = files[name];
    if (bytes) response.writeHead(200).end(gzipSync(bytes));
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('loadDataset', () => {
  it('parses and pairs the four files of a folder', async () => {
    const dataDir = join(root, 'dataset');
    await writeDatasetFiles(dataDir, files);
    const dataset = await loadDataset({ dataDir, env: {} });
    expect(dataset.name).toBe('fashion-mnist');
    expect(dataset.classNames).toBe(FASHION_MNIST_CLASS_NAMES);
    expect(dataset.train.count).toBe(5);
    expect(dataset.test.count).toBe(3);
    expect(dataset.train.images).toEqual(files[DATASET_FILES.trainImages]!.subarray(16));
    expect(Array.from(dataset.test.labels)).toEqual([3, 8, 5]);
  });

  it('names the file whose counts disagree', async () => {
    const dataDir = join(root, 'mismatch');
    await writeDatasetFiles(dataDir, {
      ...files,
      [DATASET_FILES.testLabels]: encodeIdx([2], [1, 2]),
    });
    await expect(loadDataset({ dataDir, env: {} })).rejects.toThrow(
      `${join(dataDir, 't10k-labels-idx1-ubyte.gz')}: has 2 labels but ${join(dataDir, 't10k-images-idx3-ubyte.gz')} has 3 images`,
    );
  });

  it('checks published checksums when asked to verify', async () => {
    const dataDir = join(root, 'dataset');
    const error = await loadDataset({ dataDir, env: {}, verify: true }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(IdxFormatError);
    expect((error as Error).message).toMatch(
      /train-images-idx3-ubyte\.gz: sha256 [0-9a-f]{64} does not match/,
    );
  });

  it('downloads into the user cache when nothing is found, then loads', async () => {
    const cacheHome = join(root, 'cache-home');
    const dataset = await loadDataset({
      dataset: 'mnist',
      env: { XDG_CACHE_HOME: cacheHome },
      mirrors: [mirror],
    });
    expect(dataset.classNames).toBe(MNIST_CLASS_NAMES);
    expect(dataset.train.count).toBe(5);
    // The second load finds the cache and downloads nothing.
    server.closeAllConnections();
    await expect(
      loadDataset({
        dataset: 'mnist',
        env: { XDG_CACHE_HOME: cacheHome },
        mirrors: ['http://127.0.0.1:9/'],
      }),
    ).resolves.toMatchObject({ name: 'mnist' });
  });

  it('says what to do when the dataset is nowhere and downloading is off', async () => {
    const cacheHome = join(root, 'no-cache');
    const error = await loadDataset({
      dataset: 'mnist',
      download: false,
      env: { XDG_CACHE_HOME: cacheHome },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetNotFoundError);
    expect((error as Error).message).toBe(
      `mnist was not found in ${join(cacheHome, 'fashion-lab', 'mnist')} and downloading is off: ` +
        'set MNIST_DIR to a folder holding its four files, or pass --data-dir.',
    );
  });

  it('says what to do when every mirror fails, keeping the download error as cause', async () => {
    const cacheHome = join(root, 'failed-cache');
    const error = await loadDataset({
      dataset: 'mnist',
      env: { XDG_CACHE_HOME: cacheHome },
      mirrors: [`${mirror}nothing-here/`],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetNotFoundError);
    expect((error as Error).message).toBe(
      `mnist was not found in ${join(cacheHome, 'fashion-lab', 'mnist')} and could not be downloaded ` +
        `(could not download train-images-idx3-ubyte.gz from any mirror (${mirror}nothing-here/train-images-idx3-ubyte.gz: HTTP 404 Not Found)): ` +
        'set MNIST_DIR to a folder holding its four files, or pass --data-dir.',
    );
    expect((error as Error).cause).toBeInstanceOf(DownloadError);
  });

  it('points Fashion-MNIST users at the Debian package, the env variable and --data-dir', () => {
    expect(datasetRemedy('fashion-mnist')).toBe(
      'install it with `sudo apt install dataset-fashion-mnist`, set FASHION_MNIST_DIR to a folder holding its four files, or pass --data-dir',
    );
  });

  it('rejects a damaged file with its path', async () => {
    const dataDir = join(root, 'damaged');
    await writeDatasetFiles(dataDir, files);
    await writeFile(
      join(dataDir, `${DATASET_FILES.trainLabels}.gz`),
      gzipSync(encodeIdx([5], [1, 2, 3])),
    );
    await expect(loadDataset({ dataDir, env: {} })).rejects.toThrow(
      `${join(dataDir, 'train-labels-idx1-ubyte.gz')}: expected 13 bytes, got 11 (truncated)`,
    );
  });
});
