import { escapeText } from '../escape.js';
import { formatInteger } from '../format.js';
import { section } from '../html.js';
import type { DatasetSection } from '../report-data.js';
import { pixelImage } from './image-grid.js';

const DATASET_TITLES: Record<string, string> = { 'fashion-mnist': 'Fashion-MNIST', mnist: 'MNIST' };

/** The dataset: every class with its name, image counts and a row of test images. */
export function datasetSection(dataset: DatasetSection): string {
  if (!dataset.ok) {
    return section(
      'dataset',
      'The dataset',
      `<p class="notice">The dataset could not be read, so this section has no images: ${escapeText(dataset.reason)}</p>`,
    );
  }
  const { preview } = dataset;
  const trainTotal = preview.trainCounts.reduce((sum, count) => sum + count, 0);
  const testTotal = preview.testCounts.reduce((sum, count) => sum + count, 0);
  const rows = preview.classNames.map((name, label) => {
    const images = preview.examples
      .filter((example) => example.label === label)
      .map((example) => pixelImage(example.pixels, `a ${name} from the test set`))
      .join('');
    return (
      `<div class="dataset-row"><div class="class-name"><strong>${label} ${escapeText(name)}</strong><br>` +
      `<span class="muted">${formatInteger(preview.trainCounts[label])} train · ${formatInteger(preview.testCounts[label])} test</span></div>` +
      `<div class="images">${images}</div></div>`
    );
  });
  return section(
    'dataset',
    'The dataset',
    `<p>${escapeText(DATASET_TITLES[preview.name] ?? preview.name)}: ${formatInteger(trainTotal)} training and ${formatInteger(testTotal)} test images ` +
      `of 28×28 gray pixels in ${preview.classNames.length} classes. The first test images of each class:</p>` +
      rows.join(''),
  );
}
