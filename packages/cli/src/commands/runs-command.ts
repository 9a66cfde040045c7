import { listRuns } from '@fashion-lab/run/node';
import type { CliIo } from '../cli-io.js';
import { formatPercent } from '../format.js';
import { displayPath, resumeCommand } from '../outcome-lines.js';
import type { Command } from '../command.js';
import { runsDirOf } from '../run-location.js';
import { textTable } from '../text-table.js';

type RunsCommand = Extract<Command, { name: 'runs' }>;

/** A run's creation time as `2026-11-26 01:02` (UTC, as run ids are). */
function shortTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/**
 * `runs`: every run under the runs dir, newest first, with its status (a run whose process is
 * gone shows as `stale`, with how to resume it) and accuracy; `--json` for scripts.
 */
export async function runsCommand(command: RunsCommand, io: CliIo): Promise<number> {
  const runsDir = runsDirOf(command, io);
  const entries = await listRuns(runsDir);
  if (command.json) {
    const list = entries.map((entry) =>
      entry.ok
        ? {
            runId: entry.runId,
            dir: entry.dir,
            status: entry.status,
            ...(entry.run.experiment !== undefined ? { experiment: entry.run.experiment } : {}),
            createdAt: entry.run.createdAt,
            config: entry.run.config,
            backend: entry.run.backend,
            params: entry.run.params,
            ...(entry.run.summary ? { summary: entry.run.summary } : {}),
          }
        : { runId: entry.runId, dir: entry.dir, status: 'unreadable', error: entry.error },
    );
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  if (entries.length === 0) {
    io.stdout.write(
      `No runs in ${displayPath(runsDir, io.cwd)} yet. Start one with: npx nx run cli:train\n`,
    );
    return 0;
  }
  const rows = entries.map((entry) => {
    if (!entry.ok) return [entry.runId, 'unreadable', '', '', '', '', '', ''];
    const { run, status } = entry;
    return [
      entry.runId,
      status === 'stale' ? 'stale*' : status,
      run.config.model,
      `${run.config.optimizer} ${run.config.learningRate}`,
      String(run.config.epochs),
      run.summary ? formatPercent(run.summary.testAcc) : '',
      run.summary ? `${formatPercent(run.summary.bestValAcc)} @${run.summary.bestEpoch}` : '',
      shortTime(run.createdAt),
    ];
  });
  const lines = textTable(
    ['RUN', 'STATUS', 'MODEL', 'OPTIMIZER', 'EPOCHS', 'TEST ACC', 'BEST VAL ACC', 'CREATED (UTC)'],
    rows,
    ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'],
  );
  io.stdout.write(`${lines.join('\n')}\n`);
  const stale = entries.find((entry) => entry.ok && entry.status === 'stale');
  if (stale) {
    io.stdout.write(
      `\n* stale: its process stopped without finishing; resume it with ${resumeCommand(stale.runId, command.runsDir !== undefined ? { runsDir: command.runsDir } : {})}\n`,
    );
  }
  for (const entry of entries) {
    if (!entry.ok) io.stdout.write(`${entry.runId}: cannot be read: ${entry.error}\n`);
  }
  return 0;
}
