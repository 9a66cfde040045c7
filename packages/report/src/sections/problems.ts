import { escapeText } from '../escape.js';
import { section } from '../html.js';
import type { ReportProblem } from '../report-data.js';

/** Runs or files the report could not use, each with the reason; empty when everything was read. */
export function problemsSection(problems: readonly ReportProblem[]): string {
  if (problems.length === 0) return '';
  const items = problems.map(
    (problem) =>
      `<li><span class="mono">${escapeText(problem.dir)}</span>: ${escapeText(problem.reason)}</li>`,
  );
  return section(
    'problems',
    'Not shown',
    '<p>These runs or files could not be read; everything else is in the report.</p>' +
      `<ul class="problems">${items.join('')}</ul>`,
  );
}
