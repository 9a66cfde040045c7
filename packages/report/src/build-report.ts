import { escapeText } from './escape.js';
import { formatDate } from './format.js';
import { page } from './html.js';
import { classNamesFor } from './labels.js';
import type { ReportData } from './report-data.js';
import { bestRunSection } from './sections/best-run.js';
import { datasetSection } from './sections/dataset.js';
import { environmentSection } from './sections/environment.js';
import { layersSection } from './sections/layers.js';
import { modelCurvesSection } from './sections/model-curves.js';
import { optimizerSection } from './sections/optimizers.js';
import { problemsSection } from './sections/problems.js';
import { reproduceSection } from './sections/reproduce.js';
import { summarySection } from './sections/summary.js';
import { testSetMapSection } from './sections/test-set-map.js';
import { answerSentence } from './shape/answer.js';
import { bestRun } from './shape/rank-runs.js';
import { sortByCreation } from './shape/select-runs.js';

const CONTENTS: [string, string][] = [
  ['dataset', 'The dataset'],
  ['summary', 'All runs'],
  ['optimizers', 'Optimizers on the dense net'],
  ['models', 'Training vs validation'],
  ['best-run', 'The best run'],
  ['map', 'The map of the test set'],
  ['layers', 'Model architectures'],
  ['environment', 'Environment'],
  ['reproduce', 'Reproduce'],
];

/**
 * The whole report as one HTML string, from runs already read. Pure and deterministic: the same
 * data always gives the same bytes (the only dates in it are the runs' own).
 */
export function buildReport(data: ReportData): string {
  const runs = sortByCreation(data.runs);
  const best = bestRun(runs);
  const answer = answerSentence(runs);
  const classNames = data.dataset.ok
    ? data.dataset.preview.classNames
    : classNamesFor(best?.run.config.dataset ?? runs[0]?.run.config.dataset ?? 'fashion-mnist');
  const created = runs.map((item) => item.run.createdAt).sort();
  const title =
    data.experiment === undefined ? 'fashion-lab report' : `fashion-lab report: ${data.experiment}`;
  const dates =
    created.length === 0
      ? ''
      : ` Runs started between ${formatDate(created[0]!)} and ${formatDate(created[created.length - 1]!)}.`;
  const contents = [
    ...CONTENTS,
    ...(data.problems.length > 0 ? [['problems', 'Not shown'] as [string, string]] : []),
  ];
  const header =
    `<header><h1>${escapeText(title)}</h1>` +
    `<p class="muted">Fashion-MNIST classifiers trained with fashion-lab: ${escapeText(data.selection)}.${escapeText(dates)}</p>` +
    `<p class="answer">${escapeText(answer)}</p>` +
    `<nav aria-label="Contents"><ol>${contents.map(([id, name]) => `<li><a href="#${id}">${escapeText(name)}</a></li>`).join('')}</ol></nav></header>`;
  return page(
    title,
    header +
      datasetSection(data.dataset) +
      summarySection(runs, best) +
      optimizerSection(runs) +
      modelCurvesSection(runs) +
      bestRunSection(best, data.best, classNames) +
      testSetMapSection(best, data.best, data.testSet, classNames) +
      layersSection(runs) +
      environmentSection(runs) +
      reproduceSection(runs, data.experiment) +
      problemsSection(data.problems),
  );
}
