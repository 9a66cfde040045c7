import type { OutcomeLine, ResumeLocations } from './outcome-lines.js';
import { displayPath, resumeCommand } from './outcome-lines.js';
import type { StudyEntry } from './tui/tui-store.js';

/** What to tell the user when a study ends: how many runs finished, where, and what next. */
export function studyOutcomeLines(
  experiment: string,
  entries: readonly StudyEntry[],
  runsDir: string,
  locations: ResumeLocations = {},
): OutcomeLine[] {
  const completed = entries.filter((entry) => entry.state === 'completed').length;
  const stopped = entries.find(
    (entry) => entry.state === 'interrupted' || entry.state === 'failed',
  );
  const lines: OutcomeLine[] = [
    {
      text: `Study ${experiment}: ${completed} of ${entries.length} runs completed, saved in ${displayPath(runsDir)}`,
      tone: completed === entries.length ? 'good' : 'warn',
    },
  ];
  for (const entry of entries) {
    if (entry.state === 'failed') {
      lines.push({
        text: `${entry.runId ?? entry.config.model} failed: ${entry.error ?? ''}`,
        tone: 'bad',
      });
    }
  }
  if (stopped?.runId !== undefined && stopped.state === 'interrupted') {
    lines.push({
      text: `Resume the stopped run with: ${resumeCommand(stopped.runId, locations)}`,
      tone: 'plain',
    });
  }
  if (entries.some((entry) => entry.state === 'skipped')) {
    lines.push({ text: 'The runs after it were not started.', tone: 'warn' });
  }
  lines.push({ text: 'View it:   npx nx run web:serve', tone: 'dim' });
  lines.push({ text: 'Report it: npx nx run report:build', tone: 'dim' });
  return lines;
}
