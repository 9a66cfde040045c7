import type { SweepJson } from '@fashion-lab/run';
import { escapeText } from '../escape.js';
import { formatPercent } from '../format.js';
import { section, table } from '../html.js';
import { trialOutcome } from '../shape/sweep-outcomes.js';
import type { SweepReportTrial } from '../sweep-report-data.js';
import { runIdCell } from './table-cells.js';

/** The state as the table says it: halving's rung for paused and pruned trials, a failure's error. */
function stateCell(item: SweepReportTrial, sweep: SweepJson): string {
  const { state, rung, error } = item.trial;
  const rungEpoch = rung === undefined ? undefined : sweep.rungs?.[rung];
  const where =
    (state === 'pruned' || state === 'paused') && rungEpoch !== undefined
      ? ` <span class="muted">at epoch ${rungEpoch}</span>`
      : '';
  const why =
    state === 'failed' && error !== undefined
      ? `<br><span class="muted note">${escapeText(error)}</span>`
      : '';
  return `<span class="state state-${state}">${escapeText(state)}</span>${where}${why}`;
}

/**
 * Every trial: its config, seed, state (pruned and failed ones say so), epochs trained of its
 * planned epochs, test and best validation accuracy, and its run id (an ordinary run).
 */
export function sweepTrialsSection(sweep: SweepJson, trials: readonly SweepReportTrial[]): string {
  const rows = trials.map((item) => {
    const outcome = trialOutcome(item);
    const trained = item.epochs.at(-1)?.epoch ?? 0;
    return [
      String(item.trial.trial),
      `<code>${escapeText(item.trial.configKey)}</code>`,
      String(item.trial.seed),
      stateCell(item, sweep),
      `${trained} of ${item.trial.config.epochs}`,
      formatPercent(outcome.testAcc),
      formatPercent(outcome.bestValAcc),
      item.run === undefined
        ? '<span class="muted">no run yet</span>'
        : runIdCell(item.trial.runId),
    ];
  });
  return section(
    'trials',
    'Trials',
    table(['Trial', 'Config', 'Seed', 'State', 'Epochs', 'Test acc', 'Best val acc', 'Run'], rows, {
      numeric: [0, 2, 4, 5, 6],
      className: 'trials',
    }),
  );
}
