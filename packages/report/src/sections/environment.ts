import { escapeText } from '../escape.js';
import { formatDate } from '../format.js';
import { section, table } from '../html.js';
import type { ReportRun } from '../report-data.js';

function counted(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const entries = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 1) return escapeText(entries[0]![0]);
  return entries
    .map(([value, count]) => `${escapeText(value)} <span class="muted">(${count} runs)</span>`)
    .join(', ');
}

/** Where and when the runs ran: library versions, backends, datasets and the runs' own dates. */
export function environmentSection(runs: readonly ReportRun[]): string {
  const created = runs.map((item) => item.run.createdAt).sort();
  const updated = runs.map((item) => item.run.updatedAt).sort();
  const keys = [...new Set(runs.flatMap((item) => Object.keys(item.run.versions)))].sort();
  const rows: string[][] = [
    ['Backend', counted(runs.map((item) => item.run.backend))],
    ['Dataset', counted(runs.map((item) => item.run.config.dataset))],
    ['First run started', escapeText(formatDate(created[0] ?? ''))],
    ['Last update', escapeText(formatDate(updated[updated.length - 1] ?? ''))],
    ...keys.map((key) => [
      escapeText(key),
      counted(runs.map((item) => item.run.versions[key] ?? 'not recorded')),
    ]),
  ];
  return section('environment', 'Environment', table(['What', 'Value'], rows));
}
