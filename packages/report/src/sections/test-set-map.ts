import { decodeBase64, decodePoints } from '@fashion-lab/run';
import { embeddingMap } from '../charts/embedding-map.js';
import { escapeText } from '../escape.js';
import { formatDuration, formatInteger } from '../format.js';
import { figure, section } from '../html.js';
import type { BestEvaluation, ReportRun, TestSet } from '../report-data.js';
import type { Embedding, Evaluation } from '../run-types.js';

const TITLE = 'The map of the test set';

/** Each point's predicted class: embedding.json's own, else evaluation.json's when the counts agree. */
function predictedClasses(embedding: Embedding, evaluation: Evaluation): Uint8Array | undefined {
  if (embedding.predicted !== undefined) return decodeBase64(embedding.predicted);
  const predictions = decodeBase64(evaluation.predictions);
  return predictions.length === embedding.n ? predictions : undefined;
}

function mapBody(
  run: ReportRun,
  embedding: Embedding,
  evaluation: Evaluation,
  testSet: TestSet | undefined,
  classNames: readonly string[],
): string {
  const points = decodePoints(embedding.points);
  const predicted = predictedClasses(embedding, evaluation);
  // The dataset's labels belong to these points only when it is the same test set, image for image.
  const labels =
    testSet !== undefined && testSet.count === embedding.n ? testSet.labels : undefined;
  const classes = labels ?? predicted ?? new Uint8Array(embedding.n).fill(classNames.length);
  const mistaken =
    labels !== undefined && predicted !== undefined
      ? Array.from(labels, (label, i) => label !== predicted[i])
      : undefined;
  const image =
    labels === undefined
      ? undefined
      : (index: number) => testSet!.images.subarray(index * 784, (index + 1) * 784);
  const chart = embeddingMap({
    title: `Map of the ${formatInteger(embedding.n)} test images seen by ${run.run.runId}`,
    description:
      `Each dot is a test image, placed by UMAP from the ${formatInteger(embedding.width)} activations of layer ${embedding.layer}; ` +
      `color: ${labels === undefined ? 'predicted' : 'true'} class.`,
    points,
    classes,
    ...(mistaken === undefined ? {} : { mistaken }),
    classNames,
    ...(image === undefined ? {} : { image }),
  });
  const colored =
    labels !== undefined
      ? 'Color is the true class, a cross marks a misclassified image'
      : predicted !== undefined
        ? 'Color is the predicted class (the test labels were not found, so mistakes are not marked)'
        : 'The points are not colored: neither the test labels nor the predictions match these points';
  const seconds =
    embedding.seconds === undefined ? '' : `, computed in ${formatDuration(embedding.seconds)}`;
  return (
    `<p>Each dot is one of the ${formatInteger(embedding.n)} test images, placed by UMAP from the ${formatInteger(embedding.width)} values of layer <span class="mono">${escapeText(embedding.layer)}</span> ` +
    `(the one before the output): images the network sees alike lie close together. ` +
    `${colored}; each class’s name stands at its median point${image === undefined ? '' : ', with the test images nearest that point under it'}.</p>` +
    `<div class="charts">${figure(chart, `UMAP with ${embedding.nNeighbors} neighbours, minimum distance ${embedding.minDist}, seed ${embedding.seed}${seconds}. The axes have no units: only closeness counts.`)}</div>`
  );
}

/** The best run's test-set map (embedding.json) when it has one; else how to compute it. */
export function testSetMapSection(
  run: ReportRun | undefined,
  best: BestEvaluation | undefined,
  testSet: TestSet | undefined,
  classNames: readonly string[],
): string {
  if (run === undefined || best === undefined || best.runId !== run.run.runId || !best.ok) {
    return section('map', TITLE, '<p class="muted">The best run has no evaluation, so no map.</p>');
  }
  const command = `<code>npx nx run cli:explain -- ${escapeText(run.run.runId)}</code>`;
  if (best.embedding.state === 'absent') {
    return section(
      'map',
      TITLE,
      `<p class="muted">The best run has no map of the test set yet; compute it (and the heatmaps) with ${command}.</p>`,
    );
  }
  if (best.embedding.state === 'unreadable') {
    return section(
      'map',
      TITLE,
      `<p class="notice">Its map could not be read: ${escapeText(best.embedding.reason)} Compute it again with ${command}.</p>`,
    );
  }
  return section(
    'map',
    TITLE,
    mapBody(run, best.embedding.value, best.evaluation, testSet, classNames),
  );
}
