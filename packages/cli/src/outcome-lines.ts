import { relative, isAbsolute } from 'node:path';
import { formatDuration, formatPercent, formatTestAccuracy } from './format.js';
import type { TrainingProgress } from './training-progress.js';

/** Where the user pointed the CLI: a resume must look in the same places. */
export interface ResumeLocations {
  runsDir?: string;
  dataDir?: string;
}

/** A word as a POSIX shell reads it: quoted only when it holds anything special. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * The command that continues an interrupted run, exactly as the user types it: with the
 * `--runs-dir` / `--data-dir` they gave, since the defaults would not find the run or its data.
 */
export function resumeCommand(runId: string, locations: ResumeLocations = {}): string {
  const words = ['npx nx run cli:train -- --resume', runId];
  if (locations.runsDir !== undefined) words.push('--runs-dir', shellQuote(locations.runsDir));
  if (locations.dataDir !== undefined) words.push('--data-dir', shellQuote(locations.dataDir));
  return words.join(' ');
}

/** A run directory as the user should read it: relative to the working directory when inside it. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const inside = relative(cwd, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

/** One line of the final report, with a tone the TUI colors (plain output ignores it). */
export interface OutcomeLine {
  text: string;
  tone: 'good' | 'warn' | 'bad' | 'dim' | 'plain';
}

/**
 * What to tell the user when a run ends: the result, where it was saved and what to run next
 * (view, report, or the exact resume command). Shared by the TUI footer and the plain output.
 */
export function outcomeLines(
  progress: TrainingProgress,
  runDir: string | undefined,
  locations: ResumeLocations = {},
): OutcomeLine[] {
  const end = progress.end;
  const runId = progress.start?.runId;
  if (!end || runId === undefined) return [];
  const lines: OutcomeLine[] = [];
  const saved =
    runDir === undefined
      ? []
      : [{ text: `Saved to ${displayPath(runDir)}`, tone: 'plain' as const }];
  if (end.status === 'completed') {
    const summary = end.summary;
    if (summary) {
      lines.push({
        text: `Test accuracy ${formatTestAccuracy(summary)} · test loss ${summary.testLoss.toFixed(4)} · best epoch ${summary.bestEpoch} (val acc ${formatPercent(summary.bestValAcc)}) · ${formatDuration(summary.seconds)}`,
        tone: 'good',
      });
    } else {
      lines.push({ text: 'Completed.', tone: 'good' });
    }
    lines.push(...saved);
    lines.push({ text: 'View it:   npx nx run web:serve', tone: 'dim' });
    lines.push({ text: 'Report it: npx nx run report:build', tone: 'dim' });
    return lines;
  }
  if (end.status === 'interrupted') {
    const done = progress.checkpointEpoch;
    lines.push({
      text:
        done > 0
          ? `Stopped after epoch ${done} of ${progress.epochs}; the checkpoint is saved.`
          : `Stopped before the first epoch finished; resuming starts at epoch 1.`,
      tone: 'warn',
    });
  } else {
    lines.push({
      text: `Failed: ${end.error ?? progress.errorMessage ?? 'unknown error'}`,
      tone: 'bad',
    });
  }
  lines.push(...saved);
  lines.push({ text: `Resume with: ${resumeCommand(runId, locations)}`, tone: 'plain' });
  return lines;
}
