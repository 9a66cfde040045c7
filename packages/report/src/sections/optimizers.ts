import { lineChart, type LineSeries } from '../charts/line-chart.js';
import { escapeText } from '../escape.js';
import { formatPercent, formatRate } from '../format.js';
import { figure, section } from '../html.js';
import { compareByOrder, OPTIMIZER_ORDER, optimizerLabel } from '../labels.js';
import { optimizerColor } from '../palette.js';
import type { ReportRun } from '../report-data.js';
import { bestBy, bestValAcc } from '../shape/rank-runs.js';

/**
 * The dense net trained with each optimizer: validation accuracy and loss per epoch, one line per
 * optimizer (its best run when there are several), on shared epoch axes with direct labels.
 */
export function optimizerSection(runs: readonly ReportRun[]): string {
  const dense = runs.filter((item) => item.run.config.model === 'dense');
  const perOptimizer = [...bestBy(dense, (item) => item.run.config.optimizer).entries()]
    .filter(([, item]) => item.epochs.length > 0)
    .sort(([a], [b]) => compareByOrder(OPTIMIZER_ORDER, a, b));
  if (perOptimizer.length === 0) {
    return section(
      'optimizers',
      'Optimizers on the dense net',
      '<p class="muted">No dense-net run has finished an epoch in this report.</p>',
    );
  }
  const maxEpoch = Math.max(
    ...perOptimizer.map(([, item]) =>
      item.epochs.length === 0 ? 1 : item.epochs[item.epochs.length - 1]!.epoch,
    ),
  );
  const series = (value: (epoch: ReportRun['epochs'][number]) => number): LineSeries[] =>
    perOptimizer.map(([optimizer, item]) => ({
      label: optimizerLabel(optimizer),
      color: optimizerColor(optimizer),
      points: item.epochs.map((epoch) => ({ x: epoch.epoch, y: value(epoch) })),
    }));
  const xDomain: [number, number] = [1, Math.max(2, maxEpoch)];
  const accuracy = lineChart({
    title: 'Dense net: validation accuracy per epoch by optimizer',
    description: `Validation accuracy per epoch of the dense net with ${perOptimizer.map(([name]) => optimizerLabel(name)).join(', ')}.`,
    xLabel: 'Epoch',
    yLabel: 'Validation accuracy',
    yFormat: '.0%',
    xDomain,
    series: series((epoch) => epoch.valAcc),
  });
  const loss = lineChart({
    title: 'Dense net: validation loss per epoch by optimizer',
    description: `Validation loss (cross-entropy) per epoch of the dense net with ${perOptimizer.map(([name]) => optimizerLabel(name)).join(', ')}.`,
    xLabel: 'Epoch',
    yLabel: 'Validation loss (cross-entropy)',
    xDomain,
    series: series((epoch) => epoch.valLoss),
  });
  const ranking = [...perOptimizer]
    .sort(([, a], [, b]) => (bestValAcc(b) ?? 0) - (bestValAcc(a) ?? 0))
    .map(
      ([name, item]) =>
        `${optimizerLabel(name)} ${formatPercent(bestValAcc(item))} (rate ${formatRate(item.run.config.learningRate)})`,
    );
  const groupSizes = perOptimizer.map(
    ([name]) => dense.filter((item) => item.run.config.optimizer === name).length,
  );
  const note = groupSizes.some((size) => size > 1)
    ? ' Where an optimizer has several runs, its best run is drawn.'
    : '';
  return section(
    'optimizers',
    'Optimizers on the dense net',
    `<p>Best validation accuracy: ${escapeText(ranking.join(', '))}.${note}</p>` +
      `<div class="charts">${figure(accuracy, 'Validation accuracy per epoch, one line per optimizer.')}${figure(loss, 'Validation loss per epoch (lower is better).')}</div>`,
  );
}
