import { escapeText } from './escape.js';
import { page } from './html.js';
import { problemsSection } from './sections/problems.js';
import { sweepAnswer } from './sections/sweep-answer.js';
import { sweepBestTrialSection } from './sections/sweep-best-trial.js';
import { sweepConfigsSection } from './sections/sweep-configs.js';
import { sweepFigureSection } from './sections/sweep-figure.js';
import { sweepSpecSection, trialCounts } from './sections/sweep-spec.js';
import { sweepTrialsSection } from './sections/sweep-trials.js';
import { bestTrial, sweepResultsOf } from './shape/sweep-outcomes.js';
import type { SweepReportData } from './sweep-report-data.js';

// The sweep report's own rules; colours come from the page's custom properties, so dark mode and
// print follow the run report's.
const SWEEP_CSS =
  '.parallel-coordinates .trial{fill:none;stroke-width:1.6;stroke-opacity:.85;stroke-linejoin:round}' +
  '.parallel-coordinates .trial.best{stroke-width:3;stroke-opacity:1}' +
  '.parallel-coordinates .halo{fill:none;stroke:var(--fg);stroke-width:5.5;stroke-linejoin:round}' +
  '.parallel-coordinates .pc-axis text{paint-order:stroke;stroke:var(--bg);stroke-width:3px;stroke-linejoin:round}' +
  '.parallel-coordinates .axis-name{font-weight:600;font-size:12px}' +
  '.interval-bar,.interval-axis{display:block;width:160px;height:auto;font:12px system-ui,sans-serif;overflow:visible}' +
  'table.configs td.ci{white-space:normal;min-width:6.5em}table.configs code{white-space:normal}' +
  '.interval-bar .ci,.interval-bar .cap{stroke:var(--accent);stroke-width:2}.interval-bar .mean{fill:var(--fg)}' +
  '.interval-axis line{stroke:var(--muted)}.interval-axis text{fill:var(--muted)}' +
  'th.interval,td.interval{padding-top:2px;padding-bottom:2px;vertical-align:middle}' +
  'table.trials .note{display:inline-block;max-width:24em;white-space:normal}' +
  '.state-failed{color:var(--opt-sgd);font-weight:600}.state-pruned{color:var(--muted)}' +
  '@media print{.parallel-coordinates,.interval-bar,.interval-axis{-webkit-print-color-adjust:exact;print-color-adjust:exact}table.trials,table.configs{font-size:8pt}.interval-bar,.interval-axis{width:120px}' +
  'table.trials th,table.trials td,table.configs th,table.configs td{padding:3px}table.trials td,table.trials .run-id{white-space:normal}}';

/**
 * A sweep's report as one HTML string, from what was read: the spec and trial counts, the answer
 * with its uncertainty, the parallel-coordinates figure, the per-config table with error bars, the
 * trials and the best trial's curves. Pure and deterministic (the only dates are the sweep's own).
 */
export function buildSweepReport(data: SweepReportData): string {
  const { sweep } = data;
  const results = sweepResultsOf(data);
  const title = `fashion-lab sweep: ${sweep.spec.name}`;
  const bestSection = sweepBestTrialSection(bestTrial(data, results));
  const contents: [string, string][] = [
    ['spec', 'The sweep'],
    ['figure', 'Hyperparameters to accuracy'],
    ['configs', 'Configs over their seeds'],
    ['trials', 'Trials'],
    ...(bestSection === '' ? [] : ([['best-trial', 'The best trial']] as [string, string][])),
    ...(data.problems.length > 0 ? ([['problems', 'Not shown']] as [string, string][]) : []),
  ];
  const header =
    `<header><h1>${escapeText(title)}</h1>` +
    `<p class="muted">Sweep <span class="mono">${escapeText(sweep.sweepId)}</span>: ${escapeText(trialCounts(sweep))}.</p>` +
    sweepAnswer(results) +
    `<nav aria-label="Contents"><ol>${contents
      .map(([id, name]) => `<li><a href="#${id}">${escapeText(name)}</a></li>`)
      .join('')}</ol></nav></header>`;
  return page(
    title,
    header +
      sweepSpecSection(sweep) +
      sweepFigureSection(sweep, data.trials, results) +
      sweepConfigsSection(results) +
      sweepTrialsSection(sweep, data.trials) +
      bestSection +
      problemsSection(data.problems),
    SWEEP_CSS,
  );
}
