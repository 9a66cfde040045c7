import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeIdx, type Dataset } from '@fashion-lab/data';

/** Writes `dataset` as the four raw IDX files a `--data-dir` holds. */
export async function writeIdxDataset(dir: string, dataset: Dataset): Promise<string> {
  await mkdir(dir, { recursive: true });
  const files = {
    'train-images-idx3-ubyte': encodeIdx([dataset.train.count, 28, 28], dataset.train.images),
    'train-labels-idx1-ubyte': encodeIdx([dataset.train.count], dataset.train.labels),
    't10k-images-idx3-ubyte': encodeIdx([dataset.test.count, 28, 28], dataset.test.images),
    't10k-labels-idx1-ubyte': encodeIdx([dataset.test.count], dataset.test.labels),
  };
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
  return dir;
}
