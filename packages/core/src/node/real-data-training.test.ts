import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEBIAN_DATASET_DIR } from '@fashion-lab/data/node';
import { defaultConfig } from '@fashion-lab/run';
import { runTraining } from './training.js';

const datasetInstalled = existsSync(join(DEBIAN_DATASET_DIR, 'train-images-idx3-ubyte.gz'));

/** Runs where the Debian package `dataset-fashion-mnist` is installed (CI installs it). */
describe.skipIf(!datasetInstalled)('training on the real Fashion-MNIST', () => {
  it('trains dense with Adam (batch 64, 10,000-image limit, 2 epochs) to at least 78% on the full test set', async () => {
    const runsDir = await mkdtemp(join(tmpdir(), 'fashion-lab-real-'));
    try {
      const outcome = await runTraining({
        config: defaultConfig('dense', {
          optimizer: 'adam',
          learningRate: 0.001,
          batchSize: 64,
          epochs: 2,
          limit: 10_000,
          seed: 42,
          backend: 'wasm',
        }),
        runsDir,
        dataDir: DEBIAN_DATASET_DIR,
      });
      expect(outcome.status).toBe('completed');
      expect(outcome.summary!.testAcc).toBeGreaterThanOrEqual(0.78);
    } finally {
      await rm(runsDir, { recursive: true, force: true });
    }
  }, 180_000);
});
