import {
  accuracyInterval,
  formatMeanStd,
  type ConfigResult,
  type SampleStatistics,
  type SweepResults,
} from '@fashion-lab/run';
import { intervalAxis, intervalBar, intervalScale } from '../charts/interval-bar.js';
import { escapeText } from '../escape.js';
import { section } from '../html.js';

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

function ciText(config: ConfigResult): string {
  const ci = accuracyInterval(config.testAcc);
  return ci === undefined ? '–' : `${percent(ci.low)} – ${percent(ci.high)}`;
}

/** "91.00% ± 1.00" (the std in points), "91.00%" with one seed: n has a column of its own. */
function meanStd(stats: SampleStatistics): string {
  if (stats.mean === undefined) return '–';
  return `<span class="keep">${percent(stats.mean)}</span>${stats.std === undefined ? '' : ` <span class="keep">± ${(stats.std * 100).toFixed(2)}</span>`}`;
}

/** The interval's ends, each kept whole, so a narrow page breaks it at the dash. */
function ciCell(config: ConfigResult): string {
  const ci = accuracyInterval(config.testAcc);
  return ci === undefined
    ? '–'
    : `<span class="keep">${percent(ci.low)} –</span> <span class="keep">${percent(ci.high)}</span>`;
}

/**
 * The per-config table: n, test accuracy mean ± std, its 95% confidence interval in
 * numbers and as an error bar on one accuracy scale for every row, and best validation accuracy.
 * Ranked best first; configs without a completed trial last, in sweep order.
 */
export function sweepConfigsSection(results: SweepResults): string {
  const unranked = results.configs.filter((config) => !results.ranking.includes(config));
  const rows = [...results.ranking, ...unranked];
  const scale = intervalScale(rows.map((config) => config.testAcc));
  const bestKey = results.best?.configKey;
  const head =
    '<tr><th scope="col">Config</th>' +
    '<th scope="col" class="num"><abbr title="completed trials (seeds) of the config\'s trials">n</abbr></th>' +
    '<th scope="col" class="num">Test acc (mean ± std)</th><th scope="col" class="num">95% CI of the mean</th>' +
    `<th scope="col" class="interval">${intervalAxis(scale)}</th>` +
    '<th scope="col" class="num">Best val acc (mean ± std)</th></tr>';
  const body = rows
    .map((config) => {
      const best = config.configKey === bestKey;
      const label = `${config.configKey}: test accuracy ${formatMeanStd(config.testAcc)}, 95% CI ${ciText(config)}`;
      return (
        `<tr${best ? ' class="best"' : ''}>` +
        `<td><code>${escapeText(config.configKey)}</code>${best ? '<br><span class="badge">best config</span>' : ''}</td>` +
        `<td class="num">${config.completed}<span class="muted"> of ${config.trials}</span></td>` +
        `<td class="num">${meanStd(config.testAcc)}</td>` +
        `<td class="num ci">${ciCell(config)}</td>` +
        `<td class="interval">${intervalBar(scale, config.testAcc, label)}</td>` +
        `<td class="num">${meanStd(config.bestValAcc)}</td></tr>`
      );
    })
    .join('');
  return section(
    'configs',
    'Configs over their seeds',
    '<p>Each config over its seeds: the error bar is the 95% confidence interval of the mean test ' +
      "accuracy (Student's t, cut at 0% and 100%), the dot the mean; every row uses the scale in the header.</p>" +
      `<div class="table-wrap"><table class="configs"><thead>${head}</thead><tbody>${body}</tbody></table></div>`,
  );
}
