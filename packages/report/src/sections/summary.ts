import { dotChart } from '../charts/dot-chart.js';
import { escapeText } from '../escape.js';
import {
  formatDecimal,
  formatDuration,
  formatInteger,
  formatPercent,
  formatRate,
} from '../format.js';
import { figure, section, table, type TableHeader } from '../html.js';
import { modelLabel, optimizerLabel } from '../labels.js';
import { modelColor, optimizerColor } from '../palette.js';
import type { ReportRun } from '../report-data.js';
import { bestValAcc, compareRuns, testAcc } from '../shape/rank-runs.js';
import { dateCell, runIdCell, swatchedLabel } from './table-cells.js';

function runSeconds(run: ReportRun): number | undefined {
  if (run.run.summary !== undefined) return run.run.summary.seconds;
  return run.epochs.length === 0
    ? undefined
    : run.epochs.reduce((sum, epoch) => sum + epoch.seconds, 0);
}

function bestEpoch(run: ReportRun): number | undefined {
  if (run.run.summary !== undefined) return run.run.summary.bestEpoch;
  const best = bestValAcc(run);
  return run.epochs.find((epoch) => epoch.valAcc === best)?.epoch;
}

/** Every run in one table (creation order), the best one highlighted, and a dot chart of test accuracy. */
export function summarySection(runs: readonly ReportRun[], best: ReportRun | undefined): string {
  const backends = new Set(runs.map((item) => item.run.backend));
  // One backend for all runs goes in the caption: the table must fit a page without scrolling.
  const showBackend = backends.size > 1;
  const columns: { header: TableHeader; numeric?: boolean; cell: (item: ReportRun) => string }[] = [
    {
      header: 'Run',
      cell: (item) =>
        `${runIdCell(item.run.runId)}${item === best ? '<br><span class="badge">best run</span>' : ''}`,
    },
    {
      header: 'Model',
      cell: (item) =>
        swatchedLabel(modelColor(item.run.config.model), modelLabel(item.run.config.model)),
    },
    {
      header: 'Optimizer',
      cell: (item) =>
        swatchedLabel(
          optimizerColor(item.run.config.optimizer),
          optimizerLabel(item.run.config.optimizer),
        ),
    },
    {
      header: { text: 'Rate', title: 'learning rate' },
      numeric: true,
      cell: (item) => escapeText(formatRate(item.run.config.learningRate)),
    },
    {
      header: { text: 'Params', title: 'model parameters' },
      numeric: true,
      cell: (item) => formatInteger(item.run.params),
    },
    {
      header: { text: 'Epochs', title: 'epochs trained of those planned' },
      numeric: true,
      cell: (item) => `${item.epochs.length}/${item.run.config.epochs}`,
    },
    {
      header: 'Time',
      numeric: true,
      // Runs on different backends name theirs under the time, which depends on it most; a column
      // of its own would not fit an A4 page.
      cell: (item) =>
        escapeText(formatDuration(runSeconds(item))) +
        (showBackend ? `<br><span class="muted">${escapeText(item.run.backend)}</span>` : ''),
    },
    {
      header: {
        text: 'Best val acc',
        title: 'best validation accuracy, and the epoch that reached it',
      },
      numeric: true,
      cell: (item) => {
        const epoch = bestEpoch(item);
        return `${formatPercent(bestValAcc(item))}${epoch === undefined ? '' : `<br><span class="muted">epoch ${epoch}</span>`}`;
      },
    },
    {
      header: { text: 'Test acc', title: 'accuracy on the 10,000 test images' },
      numeric: true,
      cell: (item) => {
        const alone = item.run.summary?.testAccWithoutTta;
        return `${formatPercent(testAcc(item))}${alone === undefined ? '' : `<br><abbr class="muted note" title="test accuracy without test-time flips">${formatPercent(alone)} without flips</abbr>`}`;
      },
    },
    {
      header: 'Test loss',
      numeric: true,
      cell: (item) => formatDecimal(item.run.summary?.testLoss),
    },
    {
      header: 'Status',
      // Stored status only: whether a "running" run is really alive depends on the clock and would
      // make the report differ between builds, so show its last heartbeat instead.
      cell: (item) =>
        item.run.status === 'running'
          ? `running<br><span class="muted note">heartbeat ${dateCell(item.run.heartbeatAt)}</span>`
          : escapeText(item.run.status),
    },
  ];
  // The legend spells out the abbreviated headers for print, where their titles cannot be hovered.
  const caption =
    'All runs in order of creation; the best run is highlighted. Rate is the learning rate, ' +
    'Params the model’s parameters, Epochs those trained of those planned, Time the training time' +
    (showBackend ? ' (under it the backend the run used), ' : ', ') +
    'val acc the validation accuracy (with the epoch that reached it).' +
    (runs.some((item) => item.run.summary?.testAccWithoutTta !== undefined)
      ? ' A run tested with test-time flips (each image predicted as the mean of it and its ' +
        'mirror) shows the accuracy without them under its test accuracy.'
      : '') +
    (showBackend ? '' : ` Backend: ${[...backends].join('')} for every run.`);
  let body = table(
    columns.map((column) => column.header),
    runs.map((item) => columns.map((column) => column.cell(item))),
    {
      numeric: columns.flatMap((column, index) => (column.numeric === true ? [index] : [])),
      rowClasses: runs.map((item) => (item === best ? 'best' : undefined)),
      caption,
      className: 'runs',
    },
  );
  const failed = runs.filter((item) => item.run.error !== undefined);
  if (failed.length > 0) {
    body += `<ul class="problems">${failed
      .map(
        (item) =>
          `<li><span class="mono">${escapeText(item.run.runId)}</span> failed: ${escapeText(item.run.error ?? '')}</li>`,
      )
      .join('')}</ul>`;
  }
  const evaluated = [...runs].filter((item) => testAcc(item) !== undefined).sort(compareRuns);
  if (evaluated.length > 0) {
    const chart = dotChart({
      title: 'Test accuracy per run',
      description: `Test accuracy of the ${evaluated.length} evaluated runs, best first.`,
      dots: evaluated.map((item) => ({
        label: `${modelLabel(item.run.config.model)} · ${optimizerLabel(item.run.config.optimizer)} · ${formatRate(item.run.config.learningRate)}`,
        value: testAcc(item)!,
        color: modelColor(item.run.config.model),
        highlight: item === best,
      })),
      xLabel: 'Test accuracy (10,000 images)',
      valueFormat: '.1%',
    });
    body += figure(chart, 'Test accuracy of every evaluated run, best first; color is the model.');
  }
  return section('summary', 'All runs', body);
}
