import { join } from 'node:path';
import type { EpochEvent, Reporter } from '@fashion-lab/run';
import { resumeTraining, runTraining, type RunOutcome } from '@fashion-lab/core/node';
import { resolveRunsDir, readMetrics, readRun } from '@fashion-lab/run/node';
import type { DownloadProgress } from '@fashion-lab/data/node';
import { classNamesFor } from '../class-names.js';
import type { CliIo } from '../cli-io.js';
import { Interrupter } from '../interrupt.js';
import { JsonReporter } from '../output/json-reporter.js';
import { PlainReporter } from '../output/plain-reporter.js';
import type { Command } from '../command.js';
import { mountTrainingScreen, type Screen } from '../tui/mount-screen.js';

type TrainingCommand = Extract<Command, { name: 'train' | 'resume' }>;

/** How training output is shown: the TUI on a terminal, plain lines otherwise, or NDJSON. */
export type OutputMode = 'tui' | 'plain' | 'json';

/**
 * `--json` wins; otherwise the TUI when stdout is a terminal outside CI. Under `CI` Ink draws no
 * live frames (only the last one), so plain lines serve a CI log better even on a pseudo-terminal.
 */
export function outputMode(json: boolean, io: CliIo): OutputMode {
  if (json) return 'json';
  const inCi = io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false';
  return io.stdout.isTTY === true && !inCi ? 'tui' : 'plain';
}

/** Plain mode tells the user once per file that a download started (it can take a while). */
function downloadNotifier(io: CliIo): (progress: DownloadProgress) => void {
  const announced = new Set<string>();
  return (progress) => {
    if (announced.has(progress.file)) return;
    announced.add(progress.file);
    io.stderr.write(`downloading ${progress.file}…\n`);
  };
}

/** Exit code of a finished run: 0 completed, 130 stopped by Ctrl-C/SIGINT (0 for `q`), 1 failed. */
function exitCodeOf(outcome: RunOutcome, interrupter: Interrupter): number {
  if (outcome.status === 'completed') return 0;
  if (outcome.status === 'interrupted') return interrupter.exitCode();
  return 1;
}

/** The dataset of a run to resume, for the TUI's class names (a run that cannot be read fails later, with core's message). */
async function datasetOf(command: TrainingCommand, runsDir: string) {
  if (command.name === 'train') return command.config.dataset;
  try {
    return (await readRun(join(runsDir, command.runId))).config.dataset;
  } catch {
    return 'fashion-mnist' as const;
  }
}

/** The epochs a run already has (none when its metrics cannot be read: core reports why). */
async function epochHistory(runDir: string): Promise<EpochEvent[]> {
  try {
    const { lines } = await readMetrics(runDir);
    return lines.filter((line): line is EpochEvent => line.type === 'epoch');
  } catch {
    return [];
  }
}

/**
 * `train` and `train --resume`: runs core's training with the view that fits stdout, stops
 * cleanly on `q`/Ctrl-C (the second one exits at once), and returns the exit code.
 */
export async function trainCommand(command: TrainingCommand, io: CliIo): Promise<number> {
  const runsDir = resolveRunsDir({
    ...(command.runsDir !== undefined ? { runsDir: command.runsDir } : {}),
    env: io.env,
    cwd: io.cwd,
  });
  const mode = outputMode(command.json, io);
  // Keys reach the interrupter through the screen; the interrupter shows "stopping" on it.
  const screen: Screen | undefined =
    mode === 'tui'
      ? mountTrainingScreen({
          stdout: io.stdout,
          stdin: io.stdin,
          stderr: io.stderr,
          classNames: classNamesFor(await datasetOf(command, runsDir)),
          onInterrupt: (source) => interrupter.interrupt(source),
        })
      : undefined;
  const interrupter = new Interrupter(() => screen?.stopping());
  const locations = {
    ...(command.runsDir !== undefined ? { runsDir: command.runsDir } : {}),
    ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
  };
  if (screen) screen.store.locations = locations;
  const plain = mode === 'plain' ? new PlainReporter(io.stdout, runsDir, '', locations) : undefined;
  const reporter: Reporter = screen?.reporter ?? plain ?? new JsonReporter(io.stdout);
  if (command.name === 'resume') {
    const progress = screen?.store.progress ?? plain?.progress;
    progress?.setHistory(await epochHistory(join(runsDir, command.runId)));
  }
  const stopListening = interrupter.listen();
  let outcome: RunOutcome;
  try {
    const shared = {
      runsDir,
      reporters: [reporter],
      signal: interrupter.controller.signal,
      ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
      ...(command.explain !== undefined ? { explain: command.explain } : {}),
    };
    outcome =
      command.name === 'train'
        ? await runTraining({
            ...shared,
            config: command.config,
            ...(mode === 'tui'
              ? {
                  onDownloadProgress: (progress: DownloadProgress) => {
                    if (!screen) return;
                    screen.store.download = progress;
                    screen.store.invalidate();
                  },
                }
              : mode === 'plain'
                ? { onDownloadProgress: downloadNotifier(io) }
                : {}),
          })
        : await resumeTraining({
            ...shared,
            runId: command.runId,
            ...(command.epochs !== undefined ? { epochs: command.epochs } : {}),
          });
  } catch (error) {
    await screen?.close();
    throw error;
  } finally {
    stopListening();
  }
  await screen?.finish((store) => {
    store.runDir = outcome.runDir;
    return { key: 'result', kind: 'result' };
  });
  return exitCodeOf(outcome, interrupter);
}
