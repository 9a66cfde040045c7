import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { batches } from '../batches.js';
import { classCounts } from '../class-counts.js';
import type { Dataset } from '../dataset.js';
import { DATASET_FILES, DEBIAN_DATASET_DIR, FASHION_MNIST_CHECKSUMS } from './dataset-files.js';
import { loadDataset } from './load-dataset.js';
import { readIdxFile } from './read-idx-file.js';

const present = Object.values(DATASET_FILES).every((base) =>
  existsSync(join(DEBIAN_DATASET_DIR, `${base}.gz`)),
);

// Skipped (and listed as skipped) where `apt install dataset-fashion-mnist` has not been run.
describe.skipIf(!present)(`real Fashion-MNIST from ${DEBIAN_DATASET_DIR}`, () => {
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await loadDataset({ dataDir: DEBIAN_DATASET_DIR, download: false, env: {} });
  });

  it('has 60,000 training and 10,000 test images of 28x28', () => {
    expect(dataset.train.count).toBe(60_000);
    expect(dataset.train.images.length).toBe(60_000 * 784);
    expect(dataset.test.count).toBe(10_000);
    expect(dataset.test.images.length).toBe(10_000 * 784);
  });

  it('has 6,000 training and 1,000 test images of every class', () => {
    expect(classCounts(dataset.train.labels)).toEqual(new Array(10).fill(6000));
    expect(classCounts(dataset.test.labels)).toEqual(new Array(10).fill(1000));
  });

  it.each(Object.values(DATASET_FILES))(
    '%s decompresses to the published size and SHA-256',
    async (base) => {
      const bytes = await readIdxFile(join(DEBIAN_DATASET_DIR, `${base}.gz`));
      const expected = FASHION_MNIST_CHECKSUMS[base]!;
      expect(bytes.length).toBe(expected.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(expected.sha256);
    },
  );

  it('yields normalized batches of real images', () => {
    const [batch] = batches(dataset.test, { batchSize: 128 });
    expect(batch!.size).toBe(128);
    let max = 0;
    for (const value of batch!.images) max = Math.max(max, value);
    expect(max).toBe(1);
  });
});
