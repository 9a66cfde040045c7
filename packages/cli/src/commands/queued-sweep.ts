import type { SweepJson } from '@fashion-lab/run';
import {
  createSweep,
  readSweep,
  readSweepResults,
  runExists,
  sweepDir,
} from '@fashion-lab/run/node';
import { queueUrlFrom, type QueueUrl } from '@fashion-lab/sweep-queue';
import {
  checkQueueReachable,
  enqueueQueuedSweep,
  waitForSweep,
  type QueuedTrial,
} from '@fashion-lab/sweep-queue/node';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { Interrupter } from '../interrupt.js';
import { displayPath, shellQuote, type ResumeLocations } from '../outcome-lines.js';
import { runsDirOf } from '../run-location.js';
import { sweepSummaryLines } from '../sweep-summary-lines.js';
import { mountSweepScreen, type SweepView } from '../tui/sweep-screen.js';
import { UsageError } from '../usage-error.js';
import { outputMode } from './train-command.js';
import { readSweepSpec, sweepStartLine, trialName, type SweepSession } from './sweep-command.js';

type SweepCommand = Extract<Command, { name: 'sweep' }>;

/** The command that starts a worker for this queue; a password is left for the user to add. */
export function workerCommandLine(queue: QueueUrl, locations: ResumeLocations): string {
  const words = ['npx nx run cli:worker -- --queue', shellQuote(queue.shown)];
  if (locations.runsDir !== undefined) words.push('--runs-dir', shellQuote(locations.runsDir));
  if (locations.dataDir !== undefined) words.push('--data-dir', shellQuote(locations.dataDir));
  const line = words.join(' ');
  return queue.hasPassword
    ? `${line} (with the password in the URL, or in FASHION_LAB_QUEUE)`
    : line;
}

/**
 * One plain line when a trial of a queued sweep changed: who took it, how it ended. `lastRung`
 * is the rung it was at when last seen, so a promotion reads as one, not as a trial handed back.
 */
function changeLine(trial: QueuedTrial, sweep: SweepJson, lastRung: number | undefined): string {
  const name = trialName(trial, sweep);
  const on = trial.worker !== undefined ? ` on ${trial.worker}` : '';
  switch (trial.state) {
    case 'running':
      return `${name} running${on}: run ${trial.runId}`;
    case 'pending':
      return trial.rung !== undefined && lastRung !== undefined && trial.rung > lastRung
        ? `${name} promoted: on to ${sweep.rungs?.[trial.rung] ?? '?'} epochs`
        : `${name} back on the queue`;
    case 'failed':
      return `${name} failed${on}: ${trial.error ?? 'no reason given'}`;
    default:
      return `${name} ${trial.state}${on}`;
  }
}

/**
 * Enqueues the sweep in `dir` and, unless detached, follows its sweep.json until every trial
 * ended (on the sweep screen when stdout is a terminal, else one plain line per change), then
 * prints the summary. q / Ctrl-C stop only the waiting: the trials stay on the queue.
 * Exit code: 0, 1 if any trial failed, 130 when the waiting was stopped.
 */
async function enqueueAndFollow(
  dir: string,
  queue: QueueUrl,
  detach: boolean,
  session: SweepSession,
  io: CliIo,
): Promise<number> {
  const say = (line: string): void => {
    if (!session.json) io.stdout.write(`${line}\n`);
  };
  const jobs = await enqueueQueuedSweep(queue, dir);
  const { sweepId } = await readSweep(dir);
  const status = ['npx nx run cli:sweep -- --status', sweepId];
  if (session.locations.runsDir !== undefined) {
    status.push('--runs-dir', shellQuote(session.locations.runsDir));
  }
  say(
    `sweep ${sweepId}: ${jobs.length} trial${jobs.length === 1 ? '' : 's'} on the queue at ${queue.shown}`,
  );
  say(
    `train them on any machine that sees ${displayPath(session.runsDir, io.cwd)} with: ${workerCommandLine(queue, session.locations)}`,
  );
  if (detach) {
    say(`follow it with: ${status.join(' ')}`);
    return 0;
  }
  const interrupter = new Interrupter();
  // On a terminal the sweep screen follows the snapshots instead of one line per change.
  const screen: SweepView | undefined =
    outputMode(session.json, io) === 'tui'
      ? mountSweepScreen({
          stdout: io.stdout,
          stdin: io.stdin,
          stderr: io.stderr,
          runsDir: session.runsDir,
          queue: queue.shown,
          onInterrupt: (source) => interrupter.interrupt(source),
        })
      : undefined;
  // Stopping only the waiting is at once: no "stopping…" to show.
  const stopListening = interrupter.listen();
  /** The rung each trial was at when last seen (0 without halving). */
  const seen = new Map<number, number>();
  /** The last snapshot shown: waitForSweep hands the same one for every trial it changed. */
  let shown: SweepJson | undefined;
  let sweep: SweepJson;
  try {
    // The first look reports every trial, so the screen gets its first snapshot at once.
    sweep = await waitForSweep(dir, {
      signal: interrupter.controller.signal,
      onChange: (trial, current) => {
        if (screen) {
          if (current !== shown) void screen.show(current);
          shown = current;
          return;
        }
        // A trial still waiting for its first worker is no news.
        const lastRung = seen.get(trial.trial);
        seen.set(trial.trial, trial.rung ?? 0);
        if (trial.state === 'pending' && lastRung === undefined) return;
        say(changeLine(trial, current, lastRung));
      },
    });
  } catch (error) {
    await screen?.close();
    throw error;
  } finally {
    stopListening();
  }
  if (interrupter.source !== undefined) {
    const stopped = `stopped waiting; the trials stay on the queue; follow them with: ${status.join(' ')}`;
    if (screen) await screen.finish([stopped]);
    else say(stopped);
    return interrupter.exitCode();
  }
  const results = await readSweepResults(sweep, session.runsDir);
  if (session.json) {
    io.stdout.write(`${JSON.stringify({ sweepId: sweep.sweepId, results }, null, 2)}\n`);
  } else {
    const lines = ['', `sweep ${sweep.sweepId}:`, ...sweepSummaryLines(results)];
    if (screen) await screen.finish(lines);
    else io.stdout.write(`${lines.join('\n')}\n`);
  }
  return sweep.trials.some((trial) => trial.state === 'failed') ? 1 : 0;
}

/**
 * `sweep --file`/`--resume` with `--queue` (or FASHION_LAB_QUEUE): the trials go to workers.
 * The queue is reached before anything is written. Resolves undefined for a sweep without a queue.
 */
export async function queuedSweepCommand(
  command: SweepCommand,
  io: CliIo,
): Promise<number | undefined> {
  const queue = queueUrlFrom(command.queue, io.env);
  const session: SweepSession = {
    runsDir: runsDirOf(command, io),
    locations: {
      ...(command.runsDir !== undefined ? { runsDir: command.runsDir } : {}),
      ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
    },
    parallel: command.parallel,
    json: command.json,
  };
  const { action } = command;
  if (queue === undefined || 'status' in action) {
    if (command.detach) {
      throw new UsageError(
        '--detach needs --queue URL (or FASHION_LAB_QUEUE): without a queue the trials train in this process',
      );
    }
    return undefined;
  }
  if (command.parallel > 1) {
    throw new UsageError(
      "--parallel cannot be combined with --queue: each worker's --concurrency says how many trials it trains at once",
    );
  }
  if ('start' in action) {
    const spec = await readSweepSpec(action.start, command.quick);
    await checkQueueReachable(queue);
    const { dir, sweep } = await createSweep(session.runsDir, spec);
    if (!session.json) io.stdout.write(`${sweepStartLine(sweep, dir, io)}\n`);
    return enqueueAndFollow(dir, queue, command.detach, session, io);
  }
  const dir = sweepDir(session.runsDir, action.resume);
  if (!(await runExists(dir))) {
    throw new UsageError(`no sweep "${action.resume}" in ${displayPath(session.runsDir)}`);
  }
  await checkQueueReachable(queue);
  return enqueueAndFollow(dir, queue, command.detach, session, io);
}
