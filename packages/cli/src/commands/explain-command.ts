import { explainSavedRun } from '@fashion-lab/core/node';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatCount } from '../format.js';
import { displayPath } from '../outcome-lines.js';
import { existingRunDir, runsDirOf } from '../run-location.js';

type ExplainCommand = Extract<Command, { name: 'explain' }>;

/**
 * `explain <runId>`: computes a finished run's explain.json and embedding.json from its saved
 * model, as training writes them at its end (for runs trained with --explain off, or before
 * explanations existed), and prints where they went.
 */
export async function explainCommand(command: ExplainCommand, io: CliIo): Promise<number> {
  const runsDir = runsDirOf(command, io);
  await existingRunDir(runsDir, command.runId);
  const explained = await explainSavedRun({
    runId: command.runId,
    runsDir,
    ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
    ...(command.backend !== undefined ? { backend: command.backend } : {}),
  });
  if (command.json) {
    io.stdout.write(`${JSON.stringify({ runId: command.runId, ...explained })}\n`);
    return 0;
  }
  io.stdout.write(
    [
      `Explained run ${command.runId} (backend ${explained.backend}):`,
      `  ${displayPath(explained.explainFile)}: ${formatCount(explained.heatmaps)} heatmaps (${explained.explainSeconds.toFixed(1)} s)`,
      `  ${displayPath(explained.embeddingFile)}: ${formatCount(explained.points)} points (${explained.embeddingSeconds.toFixed(1)} s)`,
      '',
    ].join('\n'),
  );
  return 0;
}
