import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset, ImageSet } from '@fashion-lab/data';

function idxImages(set: ImageSet): Uint8Array {
  const bytes = new Uint8Array(16 + set.images.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x00000803);
  view.setUint32(4, set.count);
  view.setUint32(8, 28);
  view.setUint32(12, 28);
  bytes.set(set.images, 16);
  return bytes;
}

function idxLabels(set: ImageSet): Uint8Array {
  const bytes = new Uint8Array(8 + set.count);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x00000801);
  view.setUint32(4, set.count);
  bytes.set(set.labels, 8);
  return bytes;
}

/** Writes `dataset` as the four raw IDX files a `--data-dir` holds. */
export async function writeIdxDataset(dir: string, dataset: Dataset): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'train-images-idx3-ubyte'), idxImages(dataset.train));
  await writeFile(join(dir, 'train-labels-idx1-ubyte'), idxLabels(dataset.train));
  await writeFile(join(dir, 't10k-images-idx3-ubyte'), idxImages(dataset.test));
  await writeFile(join(dir, 't10k-labels-idx1-ubyte'), idxLabels(dataset.test));
  return dir;
}
