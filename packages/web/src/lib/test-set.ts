import { parseImages, parseLabels, type DatasetName } from '@fashion-lab/data';
import { findDatasetFiles, locateDataset, readIdxFile } from '@fashion-lab/data/node';

/** The test images (784 bytes each) and labels the map's sprites and colours come from. */
export interface TestSet {
  pixels: Uint8Array;
  labels: Uint8Array;
}

async function readTestSet(dataset: DatasetName): Promise<TestSet> {
  const dir = await locateDataset({ dataset });
  if (dir === undefined) {
    throw new Error(
      `The ${dataset} test set is not on this machine: train once (it downloads) or set its directory variable.`,
    );
  }
  // locateDataset found all four files there, raw or gzipped.
  const { files } = await findDatasetFiles(dir);
  const imagesFile = files.testImages!;
  const labelsFile = files.testLabels!;
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
