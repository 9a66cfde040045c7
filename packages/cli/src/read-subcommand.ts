import { ConfigError, validateConfig, type NewRunConfig } from '@fashion-lab/core';
import {
  CONFIG_FLAGS,
  defaultConfig,
  type BackendChoice,
  type ConfigFlag,
  type TrainConfig,
} from '@fashion-lab/run';
import type { Command as CommanderCommand } from 'commander';
import { COMMAND_FLAGS } from './command-flags.js';
import { configFlagValues } from './config-options.js';
import type { Command, Locations } from './command.js';
import { withRequestedWorkers } from './new-run-workers.js';
import { positionalArguments, runIdArgument } from './positional-arguments.js';
import { QUICK_TRAINING } from './quick-training.js';
import { UsageError } from './usage-error.js';

function tableEntry(key: keyof TrainConfig): ConfigFlag {
  const spec = CONFIG_FLAGS.find((candidate) => candidate.key === key);
  if (spec === undefined) throw new Error(`CONFIG_FLAGS has no entry for ${key}`);
  return spec;
}

/** The table entry of `--backend`, which study, evaluate and predict take as well as train. */
export const BACKEND_FLAG = tableEntry('backend');

const { quick, resume, file, index, dataDir, runsDir, json, sweepFile, resumeSweep, status } =
  COMMAND_FLAGS;

function output(command: CommanderCommand): { json: boolean } & Locations {
  const runs = runsDir.valueIn(command);
  const data = dataDir.valueIn(command);
  return {
    json: json.valueIn(command) === true,
    ...(runs !== undefined ? { runsDir: runs } : {}),
    ...(data !== undefined ? { dataDir: data } : {}),
  };
}

function backendOf(command: CommanderCommand): { backend?: BackendChoice } {
  const { backend } = configFlagValues(command, [BACKEND_FLAG]);
  return backend !== undefined ? { backend } : {};
}

/**
 * The config of a new run: model defaults, then `--quick`, then the flags; checked as a whole by
 * core. Without `--workers` core picks the worker count once it has selected the backend.
 */
function trainConfig(flags: Partial<TrainConfig>, isQuick: boolean): NewRunConfig {
  const config = withRequestedWorkers(
    defaultConfig(flags.model, { ...(isQuick ? QUICK_TRAINING : {}), ...flags }),
    flags.workers,
  );
  try {
    validateConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  return config;
}

function explainOf(command: CommanderCommand): { explain?: boolean } {
  return optional('explain', COMMAND_FLAGS.explain.valueIn(command));
}

function readTrain(command: CommanderCommand): Command {
  positionalArguments(command, 'train', 0);
  const flags = configFlagValues(command);
  const isQuick = quick.valueIn(command) === true;
  const runId = resume.valueIn(command);
  if (runId === undefined) {
    return {
      name: 'train',
      config: trainConfig(flags, isQuick),
      ...explainOf(command),
      ...output(command),
    };
  }
  // A resumed run keeps its config; only --epochs may change, to extend it.
  const conflicting = [
    ...CONFIG_FLAGS.filter((spec) => spec.key !== 'epochs' && flags[spec.key] !== undefined).map(
      (spec) => spec.flag,
    ),
    ...(isQuick ? [quick.flag] : []),
  ];
  if (conflicting[0] !== undefined) {
    throw new UsageError(
      `${conflicting[0]} cannot be combined with --resume: a resumed run keeps its own config`,
    );
  }
  return {
    name: 'resume',
    runId: runIdArgument(runId, 'train'),
    ...(flags.epochs !== undefined ? { epochs: flags.epochs } : {}),
    ...explainOf(command),
    ...output(command),
  };
}

function readStudy(command: CommanderCommand): Command {
  positionalArguments(command, 'study', 0);
  const studyFile = file.valueIn(command);
  return {
    name: 'study',
    quick: quick.valueIn(command) === true,
    ...(studyFile !== undefined ? { file: studyFile } : {}),
    ...backendOf(command),
    ...optional('seeds', COMMAND_FLAGS.seeds.valueIn(command)),
    ...explainOf(command),
    ...output(command),
  };
}

function optional<K extends string, T>(key: K, value: T | undefined): { [k in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [k in K]?: T };
}

function readSweep(command: CommanderCommand): Command {
  positionalArguments(command, 'sweep', 0);
  const given = [
    ['--file', sweepFile.valueIn(command), 'start'],
    ['--resume', resumeSweep.valueIn(command), 'resume'],
    ['--status', status.valueIn(command), 'status'],
  ] as const;
  const chosen = given.filter(([, value]) => value !== undefined);
  const [first, second] = chosen;
  if (first === undefined) {
    throw new UsageError('sweep needs --file SPEC.json, --resume SWEEP_ID or --status SWEEP_ID');
  }
  if (second !== undefined) {
    throw new UsageError(`${first[0]} cannot be combined with ${second[0]}: give one of the two`);
  }
  const [, value = '', kind] = first;
  const isQuick = quick.valueIn(command) === true;
  if (kind !== 'start' && isQuick) {
    throw new UsageError(`--quick cannot be combined with ${first[0]}: a sweep keeps its spec`);
  }
  const action =
    kind === 'start'
      ? { start: value }
      : kind === 'resume'
        ? { resume: runIdArgument(value, 'sweep') }
        : { status: runIdArgument(value, 'sweep') };
  return {
    name: 'sweep',
    action,
    quick: isQuick,
    parallel: COMMAND_FLAGS.parallel.valueIn(command) ?? 1,
    ...optional('queue', COMMAND_FLAGS.queue.valueIn(command)),
    detach: COMMAND_FLAGS.detach.valueIn(command) === true,
    ...output(command),
  };
}

function readWorker(command: CommanderCommand): Command {
  positionalArguments(command, 'worker', 0);
  const { json: _json, ...locations } = output(command);
  return {
    name: 'worker',
    ...optional('queue', COMMAND_FLAGS.queue.valueIn(command)),
    concurrency: COMMAND_FLAGS.concurrency.valueIn(command) ?? 1,
    ...locations,
  };
}

function readRuns(command: CommanderCommand): Command {
  positionalArguments(command, 'runs', 0);
  return { name: 'runs', ...output(command) };
}

function readSummary(command: CommanderCommand): Command {
  const [runId] = positionalArguments(command, 'summary', 1);
  return { name: 'summary', runId: runIdArgument(runId, 'summary'), ...output(command) };
}

function readEvaluate(command: CommanderCommand): Command {
  const [runId] = positionalArguments(command, 'evaluate', 1);
  return {
    name: 'evaluate',
    runId: runIdArgument(runId, 'evaluate'),
    ...backendOf(command),
    ...output(command),
  };
}

function readExplain(command: CommanderCommand): Command {
  const [runId] = positionalArguments(command, 'explain', 1);
  return {
    name: 'explain',
    runId: runIdArgument(runId, 'explain'),
    ...backendOf(command),
    ...output(command),
  };
}

function readPredict(command: CommanderCommand): Command {
  const [runId, image] = positionalArguments(command, 'predict', 2);
  const testImage = index.valueIn(command);
  if ((image === undefined) === (testImage === undefined)) {
    throw new UsageError('predict needs an image file or --index N (one of the two)');
  }
  return {
    name: 'predict',
    runId: runIdArgument(runId, 'predict'),
    input: testImage !== undefined ? { index: testImage } : { image: image ?? '' },
    ...backendOf(command),
    ...output(command),
  };
}

/** The subcommands that run something. */
export type SubcommandName =
  | 'train'
  | 'study'
  | 'sweep'
  | 'worker'
  | 'runs'
  | 'summary'
  | 'evaluate'
  | 'explain'
  | 'predict';

/**
 * The Command each parsed subcommand stands for: its flags and arguments read back from commander
 * and checked (a new run's whole config by core's validateConfig).
 */
export const READ_SUBCOMMAND: Record<SubcommandName, (command: CommanderCommand) => Command> = {
  train: readTrain,
  study: readStudy,
  sweep: readSweep,
  worker: readWorker,
  runs: readRuns,
  summary: readSummary,
  evaluate: readEvaluate,
  explain: readExplain,
  predict: readPredict,
};
