import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { parseImages, parseLabels, type DatasetName } from '@fashion-lab/data';
import { DATASET_FILES, locateDataset, readIdxFile } from '@fashion-lab/data/node';

/** The test images (784 bytes each) and labels the map's sprites and colours come from. */
export interface TestSet {
  pixels: Uint8Array;
  labels: Uint8Array;
}

async function idxPath(dir: string, base: string): Promise<string> {
  try {
    await access(join(dir, base));
    return join(dir, base);
  } catch {
    return join(dir, `${base}.gz`);
  }
}

async function readTestSet(dataset: DatasetName): Promise<TestSet> {
  const dir = await locateDataset({ dataset });
  if (dir === undefined) {
    throw new Error(
      `The ${dataset} test set is not on this machine: train once (it downloads) or set its directory variable.`,
    );
  }
  const imagesFile = await idxPath(dir, DATASET_FILES.testImages);
  const labelsFile = await idxPath(dir, DATASET_FILES.testLabels);
  const images = parseImages(await readIdxFile(imagesFile), imagesFile);
  const labels = parseLabels(await readIdxFile(labelsFile), labelsFile);
  return { pixels: images.pixels, labels };
}

// Read once per server process (8 MB), on globalThis like the summaries cache.
const CACHE = Symbol.for('fashion-lab.web.test-sets');
type WithCache = typeof globalThis & { [CACHE]?: Map<DatasetName, Promise<TestSet>> };

/** The dataset's test set, read on first use and kept; a failed read is retried next time. */
export function testSet(dataset: DatasetName): Promise<TestSet> {
  const cache = ((globalThis as WithCache)[CACHE] ??= new Map());
  let entry = cache.get(dataset);
  if (entry === undefined) {
    entry = readTestSet(dataset);
    entry.catch(() => cache.delete(dataset));
    cache.set(dataset, entry);
  }
  return entry;
}
