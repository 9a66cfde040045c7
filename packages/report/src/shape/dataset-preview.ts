import type { DatasetPreview } from '../report-data.js';

/** The parts of a data-package Dataset the preview reads. */
export interface DatasetImages {
  name: string;
  classNames: readonly string[];
  train: { labels: Uint8Array; count: number };
  test: { images: Uint8Array; labels: Uint8Array; count: number };
}

function countLabels(labels: Uint8Array, classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (const label of labels) if (label < classCount) counts[label]! += 1;
  return counts;
}

/** Class counts of both splits and the first `perClass` test images of every class (copied, 784 bytes each). */
export function datasetPreview(dataset: DatasetImages, perClass = 8): DatasetPreview {
  const classCount = dataset.classNames.length;
  const pixelsPerImage =
    dataset.test.count === 0 ? 0 : dataset.test.images.length / dataset.test.count;
  const taken = new Array<number>(classCount).fill(0);
  const examples: DatasetPreview['examples'] = [];
  for (let index = 0; index < dataset.test.count; index++) {
    const label = dataset.test.labels[index]!;
    if (label >= classCount || taken[label]! >= perClass) continue;
    taken[label]! += 1;
    examples.push({
      label,
      pixels: dataset.test.images.slice(index * pixelsPerImage, (index + 1) * pixelsPerImage),
    });
    if (taken.every((count) => count >= perClass)) break;
  }
  examples.sort((a, b) => a.label - b.label);
  return {
    name: dataset.name,
    classNames: dataset.classNames,
    trainCounts: countLabels(dataset.train.labels, classCount),
    testCounts: countLabels(dataset.test.labels, classCount),
    examples,
  };
}
