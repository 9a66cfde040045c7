import { lineChart } from '../charts/line-chart.js';
import { escapeText } from '../escape.js';
import { figure, section } from '../html.js';
import { modelColor } from '../palette.js';
import { overfittingNote } from '../shape/overfitting.js';
import type { SweepReportTrial } from '../sweep-report-data.js';

/** The best config's best trial: its training and validation curves, as the run report draws them. */
export function sweepBestTrialSection(best: SweepReportTrial | undefined): string {
  if (best === undefined || best.run === undefined || best.epochs.length === 0) return '';
  const { run, epochs } = best;
  const color = modelColor(run.config.model);
  const bestEpoch = run.summary?.bestEpoch;
  const common = {
    xLabel: 'Epoch',
    xDomain: [1, Math.max(2, ...epochs.map((epoch) => epoch.epoch))] as [number, number],
    markers: bestEpoch === undefined ? [] : [{ x: bestEpoch, label: `best epoch ${bestEpoch}` }],
    shadeGap: true,
    width: 320,
    height: 220,
  };
  const curve = (label: string, key: 'loss' | 'valLoss' | 'acc' | 'valAcc', dashed: boolean) => ({
    label,
    color,
    dashed,
    points: epochs.map((epoch) => ({ x: epoch.epoch, y: epoch[key] })),
  });
  const loss = lineChart({
    ...common,
    title: `Trial ${best.trial.trial}: training vs validation loss`,
    description: `Training and validation loss per epoch of run ${run.runId}.`,
    yLabel: 'Loss (cross-entropy)',
    series: [curve('train', 'loss', false), curve('validation', 'valLoss', true)],
  });
  const accuracy = lineChart({
    ...common,
    title: `Trial ${best.trial.trial}: training vs validation accuracy`,
    description: `Training and validation accuracy per epoch of run ${run.runId}.`,
    yLabel: 'Accuracy',
    yFormat: '.0%',
    series: [curve('train', 'acc', false), curve('validation', 'valAcc', true)],
  });
  return section(
    'best-trial',
    'The best trial',
    `<p>Trial ${best.trial.trial} (seed ${best.trial.seed}) of the best config, run <span class="mono">${escapeText(run.runId)}</span>. ${escapeText(overfittingNote(epochs))}</p>` +
      `<div class="charts">${figure(loss, 'Solid: training; dashed: validation.')}${figure(accuracy, 'Solid: training; dashed: validation.')}</div>`,
  );
}
