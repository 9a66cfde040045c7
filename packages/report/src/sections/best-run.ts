import { mostConfusedPairs } from '@fashion-lab/run';
import { barChart } from '../charts/bar-chart.js';
import { confusionHeatmap } from '../charts/heatmap.js';
import { escapeText } from '../escape.js';
import { formatDecimal, formatInteger, formatPercent } from '../format.js';
import { figure, section, table } from '../html.js';
import type { BestEvaluation, OptionalRunFile, ReportRun } from '../report-data.js';
import type { Evaluation, Explain, Sample } from '../run-types.js';
import { describeRun } from '../shape/describe-run.js';
import { finite } from '../shape/rank-runs.js';
import { confidence, correctExamples, misclassifiedExamples } from '../shape/gallery.js';
import { heatmapLookup, type HeatmapLookup } from '../shape/heatmap-lookup.js';
import { explainedGallery, METHOD_NAMES } from './explained-gallery.js';
import { heatLegend } from './heat-legend.js';
import { imageGallery } from './image-grid.js';

function samplePixels(sample: Sample): Uint8Array {
  return new Uint8Array(Buffer.from(sample.pixels, 'base64'));
}

function className(classNames: readonly string[], label: number): string {
  return classNames[label] ?? String(label);
}

/** The galleries' heatmaps, or the sentence saying why there are none and how to get them. */
function galleryHeatmaps(
  run: ReportRun,
  explain: OptionalRunFile<Explain>,
): { heatmaps?: HeatmapLookup; note: string } {
  const command = `<code>npx nx run cli:explain -- ${escapeText(run.run.runId)}</code>`;
  if (explain.state === 'read' && explain.value.heatmaps.length > 0) {
    return {
      heatmaps: heatmapLookup(explain.value),
      note: `<p class="muted">Beside each image, where the model looked: its saliency heatmap blended over the image, blue cold to red hot.</p>${heatLegend()}`,
    };
  }
  if (explain.state === 'unreadable') {
    return {
      note: `<p class="notice">Its heatmaps could not be read: ${escapeText(explain.reason)} Compute them again with ${command}.</p>`,
    };
  }
  return {
    note: `<p class="muted">This run has no saliency heatmaps yet; compute them (and the map of the test set) with ${command}.</p>`,
  };
}

function evaluationBody(
  run: ReportRun,
  evaluation: Evaluation,
  explain: OptionalRunFile<Explain>,
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
  const { heatmaps, note } = galleryHeatmaps(run, explain);
  const correctAlt = (sample: Sample) =>
    `test image ${sample.index}, a ${className(classNames, sample.label)}, classified correctly`;
  const wrongAlt = (sample: Sample) =>
    `test image ${sample.index}, a ${className(classNames, sample.label)} classified as ${className(classNames, sample.predicted)}`;
  const correctGallery =
    heatmaps === undefined
      ? imageGallery(
          correct.map((sample) => ({
            pixels: samplePixels(sample),
            alt: correctAlt(sample),
            caption: [className(classNames, sample.label), formatPercent(confidence(sample))],
          })),
        )
      : explainedGallery(
          correct.map((sample) => {
            const name = className(classNames, sample.label);
            return {
              index: sample.index,
              pixels: samplePixels(sample),
              alt: correctAlt(sample),
              heads: ['image', ...heatmaps.methods.map((method) => METHOD_NAMES[method])],
              rows: [
                heatmaps.methods.map((method) => ({
                  klass: sample.label,
                  className: name,
                  method,
                })),
              ],
              caption: [name, formatPercent(confidence(sample))],
            };
          }),
          heatmaps,
        );
  const wrongGallery =
    heatmaps === undefined
      ? imageGallery(
          wrong.map((sample) => ({
            pixels: samplePixels(sample),
            alt: wrongAlt(sample),
            caption: [
              `true: ${className(classNames, sample.label)}`,
              `said: ${className(classNames, sample.predicted)}`,
              formatPercent(confidence(sample)),
            ],
          })),
        )
      : explainedGallery(
          wrong.map((sample) => {
            const predicted = className(classNames, sample.predicted);
            const truth = className(classNames, sample.label);
            const names = heatmaps.methods.map((method) => METHOD_NAMES[method]);
            return {
              index: sample.index,
              pixels: samplePixels(sample),
              alt: wrongAlt(sample),
              heads: ['image', 'predicted', 'true'],
              rows: heatmaps.methods.map((method) => [
                { klass: sample.predicted, className: predicted, method },
                { klass: sample.label, className: truth, method },
              ]),
              caption: [
                `predicted ${predicted}, true ${truth}`,
                formatPercent(confidence(sample)),
                names.length === 1 ? names[0]! : `rows: ${names.join(', ')}`,
              ],
            };
          }),
          heatmaps,
        );
  return (
    `<p>Test accuracy ${formatPercent(evaluation.testAcc)}, test loss ${formatDecimal(evaluation.testLoss)} on ${formatInteger(support.reduce((sum, count) => sum + count, 0))} test images.</p>` +
    `<div class="charts">${figure(heatmap, 'Rows: true class; columns: predicted class; numbers are image counts. Blue: correct; orange: mistakes, darker for a larger share of the class.')}</div>` +
    `<h3>Per-class precision, recall and F1</h3><div class="charts">${perClassTable}${figure(f1Chart, 'F1 per class, hardest first.')}</div>` +
    `<h3>Most confused pairs</h3>${pairs.length === 0 ? '<p>No mistakes on the test set.</p>' : pairsTable}` +
    `<h3>Correctly classified</h3><p class="muted">The most confident correct answers for each class, with the model’s confidence.</p>${note}${correctGallery}` +
    `<h3>Misclassified</h3><p class="muted">The most confident mistakes of the most confused pairs${heatmaps === undefined ? '' : ', each with the heatmap for the class it was taken for and for its true class'}.</p>` +
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
    intro + evaluationBody(run, best.evaluation, best.explain, classNames),
  );
}
