import { readFile } from 'node:fs/promises';
import { validateConfig, type NewRunConfig } from '@fashion-lab/core';
import {
  SEED_STUDY,
  experimentId,
  parseStudyFile,
  studyConfigs,
  defaultConfig,
  type Reporter,
  type StudyDefinition,
} from '@fashion-lab/run';
import { runTraining, type RunOutcome } from '@fashion-lab/core/node';
import { readRun } from '@fashion-lab/run/node';
import type { CliIo } from '../cli-io.js';
import { Interrupter } from '../interrupt.js';
import { JsonReporter } from '../output/json-reporter.js';
import { PlainReporter } from '../output/plain-reporter.js';
import type { Command } from '../command.js';
import { runsDirOf } from '../run-location.js';
import { studyOutcomeLines } from '../study-outcome.js';
import { comparisonLines } from '../tui/comparison-table.js';
import { mountStudyScreen, type Screen } from '../tui/mount-screen.js';
import type { StudyEntry } from '../tui/tui-store.js';
import { UsageError } from '../usage-error.js';
import { withRequestedWorkers } from '../new-run-workers.js';
import { outputMode } from './train-command.js';
import { checkedSpec, startSweep } from './sweep-command.js';

type StudyCommand = Extract<Command, { name: 'study' }>;

/** The seed study, or the user's study file (a defect in it is a usage mistake naming the field). */
async function studyDefinition(command: StudyCommand): Promise<StudyDefinition> {
  if (command.file === undefined) return SEED_STUDY;
  const text = await readFile(command.file, 'utf8');
  try {
    return parseStudyFile(text, command.file);
  } catch (error) {
    if (error instanceof Error && error.name === 'RunFileError')
      throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The study to run: the seed study, or the user's file (validated by core, every config checked).
 * A run without its own `workers` gets core's default for the backend it trains on.
 */
async function loadStudy(
  command: StudyCommand,
): Promise<{ name: string; configs: NewRunConfig[] }> {
  const study = await studyDefinition(command);
  const configs = studyConfigs(study, {
    quick: command.quick,
    ...(command.backend !== undefined ? { overrides: { backend: command.backend } } : {}),
  }).map((config, index) => withRequestedWorkers(config, study.runs[index]?.workers));
  if (configs.length === 0) throw new UsageError(`study "${study.name}" has no runs`);
  configs.forEach((config, index) => {
    try {
      validateConfig(config);
    } catch (error) {
      if (error instanceof Error && error.name === 'ConfigError') {
        throw new UsageError(`run ${index + 1} of study "${study.name}": ${error.message}`);
      }
      throw error;
    }
  });
  return { name: study.name, configs };
}

/** Records a finished run in its study entry, with its saved run.json for the comparison. */
async function settle(entry: StudyEntry, outcome: RunOutcome): Promise<void> {
  entry.state = outcome.status;
  entry.runId = outcome.runId;
  if (outcome.summary) entry.summary = outcome.summary;
  if (outcome.error !== undefined) entry.error = outcome.error;
  try {
    entry.run = await readRun(outcome.runDir);
  } catch {
    // The comparison falls back to the outcome; the run's own error shows in `runs`.
  }
}

/**
 * `study`: trains every config of the seed study (or `--file`) one after the other under one
 * experiment id, with an overview of all runs, then prints the comparison table. `q`/Ctrl-C stops
 * the current run resumably and skips the rest; a second Ctrl-C exits at once.
 */
export async function studyCommand(command: StudyCommand, io: CliIo): Promise<number> {
  if (command.seeds !== undefined) return studySweep(command, command.seeds, io);
  const { name, configs } = await loadStudy(command);
  const runsDir = runsDirOf(command, io);
  const experiment = experimentId(name, new Date(), { quick: command.quick });
  const entries: StudyEntry[] = configs.map((config) => ({ config, state: 'queued' }));
  const locations = {
    ...(command.runsDir !== undefined ? { runsDir: command.runsDir } : {}),
    ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
  };
  const mode = outputMode(command.json, io);
  // Keys reach the interrupter through the screen; the interrupter shows "stopping" on it.
  const screen: Screen | undefined =
    mode === 'tui'
      ? mountStudyScreen({
          stdout: io.stdout,
          stdin: io.stdin,
          stderr: io.stderr,
          onInterrupt: (source) => interrupter.interrupt(source),
        })
      : undefined;
  const interrupter = new Interrupter(() => screen?.stopping());
  if (screen) {
    screen.store.locations = locations;
    screen.store.study = entries;
    screen.store.experiment = experiment;
    screen.store.invalidate(true);
  } else if (mode === 'plain') {
    io.stdout.write(`study ${experiment}: ${configs.length} runs\n`);
  }
  const stopListening = interrupter.listen();
  try {
    for (const [index, entry] of entries.entries()) {
      if (interrupter.source !== undefined) {
        entry.state = 'skipped';
        continue;
      }
      entry.state = 'running';
      let reporter: Reporter;
      if (screen) {
        screen.store.newRun();
        screen.store.invalidate(true);
        reporter = screen.reporter;
      } else if (mode === 'json') {
        reporter = new JsonReporter(io.stdout);
      } else {
        reporter = new PlainReporter(
          io.stdout,
          runsDir,
          `[${index + 1}/${entries.length}] `,
          locations,
        );
      }
      const outcome = await runTraining({
        config: entry.config,
        runsDir,
        experiment,
        reporters: [reporter],
        signal: interrupter.controller.signal,
        ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
        ...(command.explain !== undefined ? { explain: command.explain } : {}),
      });
      await settle(entry, outcome);
      screen?.store.addStatic({ key: `run-${index}`, kind: 'study-run', entry: { ...entry } });
      screen?.store.invalidate(true);
    }
  } catch (error) {
    await screen?.close();
    throw error;
  } finally {
    stopListening();
  }
  const outcome = studyOutcomeLines(experiment, entries, runsDir, locations);
  if (screen) {
    await screen.finish((store) => {
      store.outcome = outcome;
      return { key: 'study-result', kind: 'study-result' };
    });
  } else if (mode === 'plain') {
    const lines = [...comparisonLines(entries).lines, '', ...outcome.map((line) => line.text)];
    io.stdout.write(`\n${lines.join('\n')}\n`);
  }
  if (entries.some((entry) => entry.state === 'failed')) return 1;
  if (interrupter.source !== undefined) return interrupter.exitCode();
  return 0;
}

/**
 * `study --seeds N`: the study as a sweep whose configs are its runs, each trained with the
 * default seed and the next N - 1; its answer carries error bars (mean ± std per config).
 */
async function studySweep(command: StudyCommand, seeds: number, io: CliIo): Promise<number> {
  const study = await studyDefinition(command);
  const firstSeed = defaultConfig().seed;
  const name = `${study.name}${command.quick ? '-quick' : ''}`.slice(0, 64);
  const spec = checkedSpec(
    {
      name,
      base: {
        ...(command.quick ? study.quick : {}),
        ...(command.backend !== undefined ? { backend: command.backend } : {}),
      },
      configs: study.runs,
      seeds: Array.from({ length: seeds }, (_, offset) => firstSeed + offset),
      ...(command.explain !== undefined ? { explain: command.explain } : {}),
    },
    command.file ?? study.name,
  );
  return startSweep(
    spec,
    {
      runsDir: runsDirOf(command, io),
      locations: {
        ...(command.runsDir !== undefined ? { runsDir: command.runsDir } : {}),
        ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
      },
      parallel: 1,
      json: command.json,
    },
    io,
  );
}
