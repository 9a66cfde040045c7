import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_FILES, DEBIAN_DATASET_DIR } from './dataset-files.js';
import { DatasetNotFoundError } from './dataset-not-found-error.js';
import { defaultCacheDir, fallbackDirs, locateDataset } from './locate-dataset.js';
import {
  makeTempDir,
  tinyDatasetFiles,
  writeDatasetFiles,
} from './test-dataset-files.test-support.js';

let root = '';
let explicitDir = '';
let envDir = '';
let cacheHome = '';
let emptyCacheHome = '';

beforeAll(async () => {
  root = await makeTempDir();
  explicitDir = join(root, 'explicit');
  envDir = join(root, 'from-env');
  cacheHome = join(root, 'cache');
  emptyCacheHome = join(root, 'empty-cache');
  const files = tinyDatasetFiles();
  await writeDatasetFiles(explicitDir, files);
  await writeDatasetFiles(envDir, files, false);
  await writeDatasetFiles(join(cacheHome, 'fashion-lab', 'fashion-mnist'), files);
  await writeDatasetFiles(join(cacheHome, 'fashion-lab', 'mnist'), files);
  await mkdir(emptyCacheHome);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('defaultCacheDir', () => {
  it.each([
    { env: { XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }, dir: '/x/cache/fashion-lab/mnist' },
    { env: { HOME: '/home/u' }, dir: '/home/u/.cache/fashion-lab/mnist' },
    {
      env: { XDG_CACHE_HOME: 'relative', HOME: '/home/u' },
      dir: '/home/u/.cache/fashion-lab/mnist',
    },
  ])('uses $env', ({ env, dir }) => {
    expect(defaultCacheDir('mnist', env)).toBe(dir);
  });

  it('defaults to fashion-mnist', () => {
    expect(defaultCacheDir(undefined, { HOME: '/h' })).toBe('/h/.cache/fashion-lab/fashion-mnist');
  });
});

describe('locateDataset', () => {
  it('prefers the explicit folder over the env variable and the cache', async () => {
    const env = { FASHION_MNIST_DIR: envDir, XDG_CACHE_HOME: cacheHome };
    expect(await locateDataset({ dataDir: explicitDir, env })).toBe(explicitDir);
  });

  it('then the env variable (raw files count as well as .gz)', async () => {
    const env = { FASHION_MNIST_DIR: envDir, XDG_CACHE_HOME: cacheHome };
    expect(await locateDataset({ env })).toBe(envDir);
  });

  it('uses MNIST_DIR, not FASHION_MNIST_DIR, for mnist', async () => {
    const env = { FASHION_MNIST_DIR: join(root, 'nothing'), MNIST_DIR: envDir };
    expect(await locateDataset({ dataset: 'mnist', env })).toBe(envDir);
  });

  it('then the user cache', async () => {
    expect(await locateDataset({ env: { XDG_CACHE_HOME: cacheHome } })).toBe(
      join(cacheHome, 'fashion-lab', 'fashion-mnist'),
    );
  });

  it('then the Debian folder for Fashion-MNIST, where it is installed', async () => {
    const debianPresent = Object.values(DATASET_FILES).every((base) =>
      existsSync(join(DEBIAN_DATASET_DIR, `${base}.gz`)),
    );
    expect(await locateDataset({ env: { XDG_CACHE_HOME: emptyCacheHome } })).toBe(
      debianPresent ? DEBIAN_DATASET_DIR : undefined,
    );
    expect(fallbackDirs('fashion-mnist', { XDG_CACHE_HOME: emptyCacheHome })).toEqual([
      join(emptyCacheHome, 'fashion-lab', 'fashion-mnist'),
      DEBIAN_DATASET_DIR,
    ]);
  });

  it('returns undefined when no folder has all four files', async () => {
    const partial = join(emptyCacheHome, 'fashion-lab', 'mnist');
    const files = tinyDatasetFiles();
    delete files[DATASET_FILES.testLabels];
    await writeDatasetFiles(partial, files);
    expect(await locateDataset({ dataset: 'mnist', env: { XDG_CACHE_HOME: emptyCacheHome } })).toBe(
      undefined,
    );
  });

  it.each([
    { source: '--data-dir', options: (dir: string) => ({ dataDir: dir, env: {} }) },
    {
      source: 'FASHION_MNIST_DIR',
      options: (dir: string) => ({ env: { FASHION_MNIST_DIR: dir } }),
    },
  ])(
    'fails, naming the folder and the missing files, when $source lacks them',
    async ({ source, options }) => {
      const dir = join(root, `incomplete-${source}`);
      const files = tinyDatasetFiles();
      delete files[DATASET_FILES.trainLabels];
      delete files[DATASET_FILES.testImages];
      await writeDatasetFiles(dir, files);
      const error = await locateDataset({
        ...options(dir),
        env: { ...options(dir).env, XDG_CACHE_HOME: cacheHome },
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DatasetNotFoundError);
      expect((error as DatasetNotFoundError).missing).toEqual([
        DATASET_FILES.trainLabels,
        DATASET_FILES.testImages,
      ]);
      expect((error as Error).message).toBe(
        `${dir} (from ${source}) lacks train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz): ` +
          `copy the fashion-mnist files there or point ${source} at a folder that has all four.`,
      );
    },
  );
});
