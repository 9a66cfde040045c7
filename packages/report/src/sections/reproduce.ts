import { escapeText } from '../escape.js';
import { formatDate } from '../format.js';
import { section, table } from '../html.js';
import type { ReportRun } from '../report-data.js';

/** The command that reproduces each run (stored in run.json), and the one that rebuilds this report. */
export function reproduceSection(
  runs: readonly ReportRun[],
  experiment: string | undefined,
): string {
  const rows = runs.map((item) => [
    `<span class="mono">${escapeText(item.run.runId)}</span><br><span class="muted">${escapeText(formatDate(item.run.createdAt))}</span>`,
    `<code>${escapeText(item.run.command)}</code>`,
  ]);
  const rebuild = `npx nx run report:build${experiment === undefined ? '' : ` -- --experiment ${experiment}`}`;
  return section(
    'reproduce',
    'Reproduce',
    '<p>Each run’s command trains it again with the same configuration and seed.</p>' +
      table(['Run', 'Command'], rows) +
      `<p>Rebuild this report: <code>${escapeText(rebuild)}</code></p>`,
  );
}
