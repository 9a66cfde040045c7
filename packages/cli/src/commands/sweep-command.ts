import { readFile } from 'node:fs/promises';
import { validateSweepTrials } from '@fashion-lab/core';
import { runSweepLocally, type TrialTurn } from '@fashion-lab/core/node';
import {
  DEFAULT_QUICK,
  parseSweepSpec,
  planSweep,
  type SweepJson,
  type SweepSpec,
  type SweepTrial,
} from '@fashion-lab/run';
import {
  createSweep,
  readSweep,
  readSweepResults,
  runExists,
  sweepDir,
} from '@fashion-lab/run/node';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatPercent } from '../format.js';
import { Interrupter } from '../interrupt.js';
import { displayPath, shellQuote, type ResumeLocations } from '../outcome-lines.js';
import { runsDirOf } from '../run-location.js';
import { sweepSummaryLines } from '../sweep-summary-lines.js';
import { mountSweepScreen, type SweepView } from '../tui/sweep-screen.js';
import { UsageError } from '../usage-error.js';
import { outputMode } from './train-command.js';

type SweepCommand = Extract<Command, { name: 'sweep' }>;

/** Where a sweep's trials train and what the session prints. */
export interface SweepSession {
  runsDir: string;
  locations: ResumeLocations;
  parallel: number;
  json: boolean;
}

/** The command that continues a stopped sweep, with the locations the user gave. */
export function sweepResumeCommand(sweepId: string, locations: ResumeLocations): string {
  const words = ['npx nx run cli:sweep -- --resume', sweepId];
  if (locations.runsDir !== undefined) words.push('--runs-dir', shellQuote(locations.runsDir));
  if (locations.dataDir !== undefined) words.push('--data-dir', shellQuote(locations.dataDir));
  return words.join(' ');
}

/**
 * A spec file read and checked before anything is written: the spec's own fields (one sentence
 * naming the field) and every trial config as core would train it. `quick` sets the quick study's
 * limit and epochs in `base` (a field the space varies still wins).
 */
export async function readSweepSpec(file: string, quick: boolean): Promise<SweepSpec> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file}: must be valid JSON (${(error as Error).message})`);
  }
  if (quick && typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const spec = json as { base?: unknown };
    const base = typeof spec.base === 'object' && spec.base !== null ? spec.base : {};
    json = { ...spec, base: { ...base, ...DEFAULT_QUICK } };
  }
  return checkedSpec(json, file);
}

/** `parseSweepSpec` then `validateSweepTrials`, both as usage errors naming `file`. */
export function checkedSpec(json: unknown, file: string): SweepSpec {
  try {
    const spec = parseSweepSpec(json, file);
    validateSweepTrials(planSweep(spec, { now: new Date() }).trials);
    return spec;
  } catch (error) {
    if (error instanceof Error && error.name === 'RunFileError')
      throw new UsageError(error.message);
    if (error instanceof Error && error.name === 'ConfigError') {
      throw new UsageError(`${file}: ${error.message}`);
    }
    throw error;
  }
}

/** "trial 3/8 (learningRate=0.001 seed 2)": how every sweep line names a trial. */
export function trialName(trial: SweepTrial, sweep: SweepJson): string {
  return `trial ${trial.trial + 1}/${sweep.trials.length} (${trial.configKey} seed ${trial.seed})`;
}

/** One plain line for how a trial's turn ended. */
export function turnLine(turn: TrialTurn, trial: SweepTrial, sweep: SweepJson): string {
  const name = trialName(trial, sweep);
  switch (turn.state) {
    case 'completed':
      return `${name} completed: test ${formatPercent(turn.testAcc)}, best val ${formatPercent(turn.bestValAcc)}`;
    case 'paused': {
      // `trial` is as recorded after the turn: a promoted trial's rung is already the next one,
      // while its scores end with the rung it reached.
      const reached = (trial.rungBestValAcc?.length ?? 1) - 1;
      const epochs = sweep.rungs?.[reached];
      const next =
        trial.state === 'pruned' ? 'pruned' : trial.state === 'pending' ? 'promoted' : 'paused';
      return `${name} reached its rung (${epochs} epoch${epochs === 1 ? '' : 's'}, best val ${formatPercent(turn.bestValAcc)}): ${next}`;
    }
    case 'interrupted':
      return `${name} interrupted (resumable)`;
    case 'failed':
      return `${name} failed: ${turn.error}`;
    case 'skipped':
      return `${name} skipped: ${turn.reason}`;
  }
}

/**
 * Trains a sweep's pending trials in this process, on the sweep screen when stdout is a terminal
 * (else with one plain line per trial start and end), then prints the summary (per config
 * `mean ± std (n = k)` and the answer sentence), which stays on the terminal. Ctrl-C or `q`
 * interrupts the running trials resumably and prints how to resume. Exit code: 0, 1 if any
 * trial failed, 130 when interrupted.
 */
export async function trainSweep(dir: string, session: SweepSession, io: CliIo): Promise<number> {
  // On a terminal the sweep screen replaces the plain lines; keys reach the interrupter through it.
  const screen: SweepView | undefined =
    outputMode(session.json, io) === 'tui'
      ? mountSweepScreen({
          stdout: io.stdout,
          stdin: io.stdin,
          stderr: io.stderr,
          runsDir: session.runsDir,
          onInterrupt: (source) => interrupter.interrupt(source),
        })
      : undefined;
  const interrupter = new Interrupter(() => screen?.stopping());
  const stopListening = interrupter.listen();
  const say = (line: string): void => {
    if (!session.json) io.stdout.write(`${line}\n`);
  };
  let sweep: SweepJson;
  try {
    if (screen) await screen.show(await readSweep(dir));
    sweep = await runSweepLocally({
      sweepDir: dir,
      runsDir: session.runsDir,
      ...(session.locations.dataDir !== undefined ? { dataDir: session.locations.dataDir } : {}),
      parallel: session.parallel,
      signal: interrupter.controller.signal,
      ...(screen ? { reportersFor: screen.reportersFor } : {}),
      onTrialStart: (trial, current) =>
        screen
          ? void screen.show(current)
          : say(`${trialName(trial, current)} started: run ${trial.runId}`),
      onTrialEnd: (turn, trial, current) =>
        screen ? void screen.show(current) : say(turnLine(turn, trial, current)),
    });
  } catch (error) {
    await screen?.close();
    throw error;
  } finally {
    stopListening();
  }
  if (interrupter.source !== undefined) {
    const stopped = `sweep ${sweep.sweepId} stopped; resume with: ${sweepResumeCommand(sweep.sweepId, session.locations)}`;
    if (screen) await screen.finish([stopped]);
    else say(stopped);
    return interrupter.exitCode();
  }
  await printSummary(sweep, session, io, screen);
  return sweep.trials.some((trial) => trial.state === 'failed') ? 1 : 0;
}

/** The summary as JSON, or as lines (on the sweep screen, where they stay printed). */
async function printSummary(
  sweep: SweepJson,
  session: SweepSession,
  io: CliIo,
  screen?: SweepView,
): Promise<void> {
  const results = await readSweepResults(sweep, session.runsDir);
  if (session.json) {
    io.stdout.write(`${JSON.stringify({ sweepId: sweep.sweepId, results }, null, 2)}\n`);
    return;
  }
  const lines = ['', `sweep ${sweep.sweepId}:`, ...sweepSummaryLines(results)];
  if (screen) await screen.finish(lines);
  else io.stdout.write(`${lines.join('\n')}\n`);
}

/** "12 trials: 3 completed, 1 running, 8 pending". */
function stateCounts(sweep: SweepJson): string {
  const counts = new Map<string, number>();
  for (const trial of sweep.trials) counts.set(trial.state, (counts.get(trial.state) ?? 0) + 1);
  const parts = [...counts].map(([state, count]) => `${count} ${state}`);
  return `${sweep.trials.length} trials: ${parts.join(', ')}`;
}

/** Starts a planned sweep in the runs dir and trains it. */
export async function startSweep(
  spec: SweepSpec,
  session: SweepSession,
  io: CliIo,
): Promise<number> {
  const { dir, sweep } = await createSweep(session.runsDir, spec);
  if (!session.json) io.stdout.write(`${sweepStartLine(sweep, dir, io)}\n`);
  return trainSweep(dir, session, io);
}

/** "sweep <id>: 8 trials (4 configs x 2 seeds) in runs/sweeps/<id>": a new sweep's first line. */
export function sweepStartLine(sweep: SweepJson, dir: string, io: CliIo): string {
  const configs = new Set(sweep.trials.map((trial) => trial.configKey)).size;
  const rungs = sweep.rungs ? `; halving rungs at ${sweep.rungs.join(', ')} epochs` : '';
  return `sweep ${sweep.sweepId}: ${sweep.trials.length} trials (${configs} configs x ${sweep.spec.seeds.length} seeds${rungs}) in ${displayPath(dir, io.cwd)}`;
}

/** An existing sweep's directory; an id that is not there is a usage mistake. */
async function existingSweepDir(runsDir: string, sweepId: string): Promise<string> {
  const dir = sweepDir(runsDir, sweepId);
  if (!(await runExists(dir))) {
    throw new UsageError(`no sweep "${sweepId}" in ${displayPath(runsDir)}`);
  }
  return dir;
}

/**
 * `sweep`: `--file` starts a sweep and trains it here, `--resume` continues a stopped one
 * (nothing trained twice), `--status` shows one's progress and, once done, its summary.
 */
export async function sweepCommand(command: SweepCommand, io: CliIo): Promise<number> {
  const runsDir = runsDirOf(command, io);
  const session: SweepSession = {
    runsDir,
    locations: {
      ...(command.runsDir !== undefined ? { runsDir: command.runsDir } : {}),
      ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
    },
    parallel: command.parallel,
    json: command.json,
  };
  const { action } = command;
  if ('start' in action)
    return startSweep(await readSweepSpec(action.start, command.quick), session, io);
  if ('resume' in action) {
    const dir = await existingSweepDir(runsDir, action.resume);
    if (!command.json)
      io.stdout.write(`sweep ${action.resume}: ${stateCounts(await readSweep(dir))}\n`);
    return trainSweep(dir, session, io);
  }
  const sweep = await readSweep(await existingSweepDir(runsDir, action.status));
  const done = sweep.trials.every((t) => ['completed', 'failed', 'pruned'].includes(t.state));
  if (command.json && done) {
    await printSummary(sweep, session, io);
    return 0;
  }
  if (command.json) {
    io.stdout.write(
      `${JSON.stringify({ sweepId: sweep.sweepId, trials: sweep.trials }, null, 2)}\n`,
    );
    return 0;
  }
  const lines = [
    `sweep ${sweep.sweepId}: ${stateCounts(sweep)}`,
    ...sweep.trials.map(
      (trial) =>
        `  ${trialName(trial, sweep)}: ${trial.state}${trial.error !== undefined ? ` (${trial.error})` : ''}`,
    ),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  // A sweep started with --queue notes its queue (without the password): workers go on with it.
  const { queue } = sweep as { queue?: unknown };
  if (done) await printSummary(sweep, session, io);
  else if (typeof queue === 'string')
    io.stdout.write(`its trials are on the queue at ${queue}; workers train them (cli:worker)\n`);
  else
    io.stdout.write(`continue it with: ${sweepResumeCommand(sweep.sweepId, session.locations)}\n`);
  return 0;
}
