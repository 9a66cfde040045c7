import { mostConfusedPairs } from '@fashion-lab/run';
import { barChart } from '../charts/bar-chart.js';
import { confusionHeatmap } from '../charts/heatmap.js';
import { escapeText } from '../escape.js';
import { formatDecimal, formatInteger, formatPercent } from '../format.js';
import { figure, section, table } from '../html.js';
import type { BestEvaluation, ReportRun } from '../report-data.js';
import type { Evaluation, Sample } from '../run-types.js';
import { describeRun } from '../shape/describe-run.js';
import { finite } from '../shape/rank-runs.js';
import { confidence, correctExamples, misclassifiedExamples } from '../shape/gallery.js';
import { imageGallery } from './image-grid.js';

function samplePixels(sample: Sample): Uint8Array {
  return new Uint8Array(Buffer.from(sample.pixels, 'base64'));
}

function className(classNames: readonly string[], label: number): string {
  return classNames[label] ?? String(label);
}

function evaluationBody(
  run: ReportRun,
  evaluation: Evaluation,
  classNames: readonly string[],
): string {
  const heatmap = confusionHeatmap({
    title: `Confusion matrix of ${run.run.runId}`,
    description: 'Counts of test images per true class (rows) and predicted class (columns).',
    classNames,
    counts: evaluation.confusion,
  });
  const support = evaluation.confusion.map((row) => row.reduce((sum, count) => sum + count, 0));
  const perClass = [...evaluation.perClass].sort((a, b) => a.label - b.label);
  const perClassTable = table(
    ['Class', 'Precision', 'Recall', 'F1', 'Test images'],
    perClass.map((item) => [
      escapeText(className(classNames, item.label)),
      formatPercent(item.precision),
      formatPercent(item.recall),
      formatDecimal(item.f1, 3),
      formatInteger(support[item.label]),
    ]),
    { numeric: [1, 2, 3, 4] },
  );
  const f1Chart = barChart({
    title: 'F1 score per class',
    description: 'F1 score of each class on the test set, hardest class first.',
    bars: [...perClass]
      .sort((a, b) => (finite(a.f1) ?? 0) - (finite(b.f1) ?? 0) || a.label - b.label)
      .map((item) => ({
        label: className(classNames, item.label),
        value: item.f1,
        color: 'var(--accent)',
      })),
    xLabel: 'F1 score',
    xDomain: [0, 1],
    valueFormat: '.2f',
    width: 300,
  });
  const pairs = mostConfusedPairs(evaluation.confusion, 8);
  const pairsTable = table(
    ['True class', 'Predicted as', 'Images', 'Share of true class'],
    pairs.map((pair) => [
      escapeText(className(classNames, pair.label)),
      escapeText(className(classNames, pair.predicted)),
      formatInteger(pair.count),
      formatPercent(support[pair.label] === 0 ? undefined : pair.count / support[pair.label]!),
    ]),
    { numeric: [2, 3] },
  );
  const correct = correctExamples(evaluation.samples, classNames.length, 3);
  const wrong = misclassifiedExamples(evaluation.samples, pairs, 3);
  const correctGallery = imageGallery(
    correct.map((sample) => ({
      pixels: samplePixels(sample),
      alt: `test image ${sample.index}, a ${className(classNames, sample.label)}, classified correctly`,
      caption: [className(classNames, sample.label), formatPercent(confidence(sample))],
    })),
  );
  const wrongGallery = imageGallery(
    wrong.map((sample) => ({
      pixels: samplePixels(sample),
      alt: `test image ${sample.index}, a ${className(classNames, sample.label)} classified as ${className(classNames, sample.predicted)}`,
      caption: [
        `true: ${className(classNames, sample.label)}`,
        `said: ${className(classNames, sample.predicted)}`,
        formatPercent(confidence(sample)),
      ],
    })),
  );
  return (
    `<p>Test accuracy ${formatPercent(evaluation.testAcc)}, test loss ${formatDecimal(evaluation.testLoss)} on ${formatInteger(support.reduce((sum, count) => sum + count, 0))} test images.</p>` +
    `<div class="charts">${figure(heatmap, 'Rows: true class; columns: predicted class; numbers are image counts. Blue: correct; orange: mistakes, darker for a larger share of the class.')}</div>` +
    `<h3>Per-class precision, recall and F1</h3><div class="charts">${perClassTable}${figure(f1Chart, 'F1 per class, hardest first.')}</div>` +
    `<h3>Most confused pairs</h3>${pairs.length === 0 ? '<p>No mistakes on the test set.</p>' : pairsTable}` +
    `<h3>Correctly classified</h3><p class="muted">The most confident correct answers for each class, with the model’s confidence.</p>${correctGallery}` +
    `<h3>Misclassified</h3><p class="muted">The most confident mistakes of the most confused pairs.</p>` +
    (wrong.length === 0 ? '<p>No misclassified samples are stored.</p>' : wrongGallery)
  );
}

/** The best run up close: confusion heatmap, per-class metrics, confused pairs, image galleries. */
export function bestRunSection(
  run: ReportRun | undefined,
  best: BestEvaluation | undefined,
  classNames: readonly string[],
): string {
  if (run === undefined) {
    return section('best-run', 'The best run', '<p class="muted">No run has results yet.</p>');
  }
  const intro = `<p>${escapeText(describeRun(run).replace(/^the/, 'The'))}: run <span class="mono">${escapeText(run.run.runId)}</span>.</p>`;
  if (best === undefined || best.runId !== run.run.runId) {
    return section(
      'best-run',
      'The best run',
      `${intro}<p class="muted">This run has no evaluation on the test set yet.</p>`,
    );
  }
  if (!best.ok) {
    return section(
      'best-run',
      'The best run',
      `${intro}<p class="notice">Its evaluation could not be read: ${escapeText(best.reason)}</p>`,
    );
  }
  return section(
    'best-run',
    'The best run',
    intro + evaluationBody(run, best.evaluation, classNames),
  );
}
