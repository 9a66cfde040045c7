import { max, min, scaleLinear } from 'd3';
import { lineChart } from '../charts/line-chart.js';
import { escapeText } from '../escape.js';
import { formatRate } from '../format.js';
import { figure, section } from '../html.js';
import { compareByOrder, MODEL_ORDER, modelLabel, optimizerLabel } from '../labels.js';
import { modelColor } from '../palette.js';
import type { ReportRun } from '../report-data.js';
import { overfittingNote } from '../shape/overfitting.js';
import { bestBy } from '../shape/rank-runs.js';

/**
 * For each model, its best run's training and validation curves (loss and accuracy) on axes
 * shared by all models; the gap between the solid and dashed lines is the overfitting.
 */
export function modelCurvesSection(runs: readonly ReportRun[]): string {
  const perModel = [...bestBy(runs, (item) => item.run.config.model).entries()]
    .filter(([, item]) => item.epochs.length > 0)
    .sort(([a], [b]) => compareByOrder(MODEL_ORDER, a, b));
  if (perModel.length === 0) {
    return section(
      'models',
      'Training vs validation',
      '<p class="muted">No run has finished an epoch yet.</p>',
    );
  }
  const epochs = perModel.flatMap(([, item]) => item.epochs);
  // d3's max/min skip the NaN of a diverged run. The loss axis stops at 2.5 (chance level is
  // ln 10 = 2.3), so one run that blew up does not flatten every other model's curves.
  const maxLoss = max(epochs.flatMap((epoch) => [epoch.loss, epoch.valLoss])) ?? 1;
  const minAcc = min(epochs.flatMap((epoch) => [epoch.acc, epoch.valAcc])) ?? 0;
  const lossDomain = scaleLinear()
    .domain([0, Math.min(2.5, maxLoss)])
    .nice(5)
    .domain() as [number, number];
  const accDomain: [number, number] = [Math.max(0, Math.floor(minAcc * 20) / 20), 1];
  const maxEpoch = Math.max(2, ...epochs.map((epoch) => epoch.epoch));
  const panels = perModel.map(([model, item]) => {
    const name = modelLabel(model);
    const color = modelColor(model);
    const bestEpoch = item.run.summary?.bestEpoch;
    const markers =
      bestEpoch === undefined ? [] : [{ x: bestEpoch, label: `best epoch ${bestEpoch}` }];
    const common = {
      shadeGap: true,
      xLabel: 'Epoch',
      xDomain: [1, maxEpoch] as [number, number],
      markers,
      width: 320,
      height: 220,
    };
    const loss = lineChart({
      ...common,
      title: `${name}: training vs validation loss`,
      description: `Training and validation loss per epoch of run ${item.run.runId}.`,
      yLabel: 'Loss (cross-entropy)',
      yDomain: lossDomain,
      series: [
        {
          label: 'train',
          color,
          points: item.epochs.map((epoch) => ({ x: epoch.epoch, y: epoch.loss })),
        },
        {
          label: 'validation',
          color,
          dashed: true,
          points: item.epochs.map((epoch) => ({ x: epoch.epoch, y: epoch.valLoss })),
        },
      ],
    });
    const accuracy = lineChart({
      ...common,
      title: `${name}: training vs validation accuracy`,
      description: `Training and validation accuracy per epoch of run ${item.run.runId}.`,
      yLabel: 'Accuracy',
      yFormat: '.0%',
      yDomain: accDomain,
      series: [
        {
          label: 'train',
          color,
          points: item.epochs.map((epoch) => ({ x: epoch.epoch, y: epoch.acc })),
        },
        {
          label: 'validation',
          color,
          dashed: true,
          points: item.epochs.map((epoch) => ({ x: epoch.epoch, y: epoch.valAcc })),
        },
      ],
    });
    const count = runs.filter((other) => other.run.config.model === model).length;
    return (
      `<h3><span class="swatch" style="background:${color}"></span>${escapeText(name)}</h3>` +
      `<p>Run <span class="mono">${escapeText(item.run.runId)}</span> (${escapeText(optimizerLabel(item.run.config.optimizer))}, rate ${escapeText(formatRate(item.run.config.learningRate))}` +
      `${count > 1 ? `, best of ${count} runs` : ''}). ${escapeText(overfittingNote(item.epochs))}</p>` +
      `<div class="charts">${figure(loss, 'Solid: training; dashed: validation.')}${figure(accuracy, 'Solid: training; dashed: validation.')}</div>`
    );
  });
  return section(
    'models',
    'Training vs validation',
    '<p>Each model’s best run. All models share the same axes, so curves can be compared across panels.</p>' +
      panels.join(''),
  );
}
