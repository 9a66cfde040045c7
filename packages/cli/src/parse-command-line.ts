import { parseArgs } from 'node:util';
import { ConfigError, validateConfig } from '@fashion-lab/core';
import {
  CONFIG_FLAGS,
  DEFAULT_QUICK,
  defaultConfig,
  isSafeRunId,
  parseConfigFlags,
  type BackendChoice,
  type TrainConfig,
} from '@fashion-lab/run';
import { defaultWorkerCount } from '@fashion-lab/core/node';
import { UsageError } from './usage-error.js';

/** The subcommands, in the order `help` lists them. */
export const COMMAND_NAMES = [
  'train',
  'study',
  'runs',
  'summary',
  'evaluate',
  'predict',
  'help',
] as const;
/** One of the subcommands. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Where the training output goes: the Ink TUI, plain lines, or NDJSON events. */
export interface OutputChoice {
  json: boolean;
}

/** Where runs and the dataset live (both optional: core and data resolve the defaults). */
export interface Locations {
  runsDir?: string;
  dataDir?: string;
}

/** A parsed command line: what to run, with every flag checked. `resume` is `train --resume`. */
export type Command =
  | { name: 'help'; topic?: CommandName }
  | ({ name: 'train'; config: TrainConfig } & OutputChoice & Locations)
  | ({ name: 'resume'; runId: string; epochs?: number } & OutputChoice & Locations)
  | ({ name: 'study'; quick: boolean; file?: string; backend?: BackendChoice } & OutputChoice &
      Locations)
  | ({ name: 'runs' } & OutputChoice & Locations)
  | ({ name: 'summary'; runId: string } & OutputChoice & Locations)
  | ({ name: 'evaluate'; runId: string; backend?: BackendChoice } & OutputChoice & Locations)
  | ({
      name: 'predict';
      runId: string;
      input: { image: string } | { index: number };
      backend?: BackendChoice;
    } & OutputChoice &
      Locations);

/**
 * What `train --quick` means: a complete run of the default model in about 2 minutes on 2 cores
 * (a study's `--quick` uses core's smaller DEFAULT_QUICK per run, as it trains six models).
 */
export const QUICK_TRAINING = { limit: 2 * DEFAULT_QUICK.limit, epochs: DEFAULT_QUICK.epochs + 1 };

const BACKENDS: readonly BackendChoice[] = ['auto', 'node', 'wasm', 'cpu'];

type OptionSpec = { type: 'string' | 'boolean'; short?: string };

const common = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  'runs-dir': { type: 'string' },
} satisfies Record<string, OptionSpec>;

/** `train`'s own flags; the config flags come from core's CONFIG_FLAGS table. */
const trainOptions = {
  ...common,
  'data-dir': { type: 'string' },
  resume: { type: 'string' },
  quick: { type: 'boolean' },
} satisfies Record<string, OptionSpec>;

/** The flags each command accepts; anything else is a usage error naming the flag. */
export const COMMAND_OPTIONS = {
  train: trainOptions,
  study: {
    ...common,
    'data-dir': { type: 'string' },
    quick: { type: 'boolean' },
    file: { type: 'string' },
    backend: { type: 'string' },
  },
  runs: common,
  summary: common,
  evaluate: { ...common, 'data-dir': { type: 'string' }, backend: { type: 'string' } },
  predict: {
    ...common,
    'data-dir': { type: 'string' },
    index: { type: 'string' },
    backend: { type: 'string' },
  },
  help: { help: { type: 'boolean', short: 'h' } },
} satisfies Record<CommandName, Record<string, OptionSpec>>;

/**
 * `parseArgs` reads `--epochs -1` as a flag missing its value; join a negative number to its flag
 * (`--epochs=-1`) so the range check can say what is wrong with it.
 */
function joinNegativeValues(args: readonly string[], stringFlags: Set<string>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    if (stringFlags.has(arg) && next !== undefined && /^-\.?\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** Turns node:util's parse errors into one sentence naming the flag. */
function usageFromParseError(error: unknown, command: CommandName): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new UsageError(
      `unknown option ${flag} for "${command}" (see fashion-lab help ${command})`,
    );
  }
  if (message.includes('argument missing')) {
    return new UsageError(`${flag} needs a value`);
  }
  if (message.includes('does not take an argument')) {
    return new UsageError(`${flag} does not take a value`);
  }
  return new UsageError(message.split('\n')[0] ?? message);
}

/** An integer flag value; the range is checked by the caller or by core's validateConfig. */
function integerFlag(value: string, flag: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${flag} must be an integer, got "${value}"`);
  return Number(value);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`unknown ${what} "${value}" (choose one of ${allowed.join(', ')})`);
  }
  return value as T;
}

/** A run id names a directory under the runs dir: it must not be able to leave it. */
function runIdArgument(value: string | undefined, command: CommandName): string {
  if (value === undefined) throw new UsageError(`${command} needs a run id (see fashion-lab runs)`);
  if (!isSafeRunId(value)) {
    throw new UsageError(`"${value}" is not a run id (see fashion-lab runs)`);
  }
  return value;
}

type Values = Record<string, string | boolean | undefined>;

function locations(values: Values): Locations {
  const runsDir = values['runs-dir'];
  const dataDir = values['data-dir'];
  return {
    ...(typeof runsDir === 'string' ? { runsDir } : {}),
    ...(typeof dataDir === 'string' ? { dataDir } : {}),
  };
}

function backendOption(values: Values): { backend?: BackendChoice } {
  const backend = values['backend'];
  return typeof backend === 'string' ? { backend: oneOf(backend, BACKENDS, 'backend') } : {};
}

function noPositionals(positionals: string[], command: CommandName): void {
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}" for "${command}"`);
  }
}

/** Core's config-flag errors are usage mistakes with a ready sentence. */
function asUsageError(error: unknown): never {
  if (
    error instanceof Error &&
    (error.name === 'ConfigFlagError' || error instanceof ConfigError)
  ) {
    throw new UsageError(error.message);
  }
  throw error;
}

/**
 * Builds and validates the config of a new run: model defaults with one worker per core (capped,
 * see defaultWorkerCount),
 * then `--quick`, then the flags.
 */
function trainConfig(flags: Partial<TrainConfig>, quick: boolean): TrainConfig {
  try {
    const config = defaultConfig(flags.model, {
      workers: defaultWorkerCount(flags.model),
      ...(quick ? QUICK_TRAINING : {}),
      ...flags,
    });
    validateConfig(config);
    return config;
  } catch (error) {
    return asUsageError(error);
  }
}

function trainCommand(values: Values, positionals: string[], flags: Partial<TrainConfig>): Command {
  noPositionals(positionals, 'train');
  const output = { json: values['json'] === true, ...locations(values) };
  const resume = values['resume'];
  if (typeof resume !== 'string') {
    return { name: 'train', config: trainConfig(flags, values['quick'] === true), ...output };
  }
  const conflicting = [
    ...Object.keys(flags).filter((key) => key !== 'epochs'),
    ...(values['quick'] ? ['quick'] : []),
  ];
  if (conflicting.length > 0) {
    const flag =
      CONFIG_FLAGS.find((spec) => spec.key === conflicting[0])?.flag ?? `--${conflicting[0]}`;
    throw new UsageError(
      `${flag} cannot be combined with --resume: a resumed run keeps its own config`,
    );
  }
  return {
    name: 'resume',
    runId: runIdArgument(resume, 'train'),
    ...(flags.epochs !== undefined ? { epochs: flags.epochs } : {}),
    ...output,
  };
}

/**
 * Parses the CLI's arguments (without `node` and the script) into one command. Every mistake is
 * a UsageError with a one-sentence message; nothing here touches the disk.
 */
export function parseCommandLine(args: readonly string[]): Command {
  const [first, ...rest] = args;
  if (first === undefined || first === '--help' || first === '-h') return { name: 'help' };
  if (!(COMMAND_NAMES as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}" (choose one of ${COMMAND_NAMES.join(', ')})`);
  }
  const name = first as CommandName;
  const options = COMMAND_OPTIONS[name];
  const stringFlags = new Set(
    Object.entries(options)
      .filter(([, spec]) => spec.type === 'string')
      .map(([flag]) => `--${flag}`),
  );
  let flags: Partial<TrainConfig> = {};
  let remaining: readonly string[] = rest;
  if (name === 'train') {
    try {
      ({ config: flags, rest: remaining } = parseConfigFlags(rest));
    } catch (error) {
      asUsageError(error);
    }
  }
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: joinNegativeValues(remaining, stringFlags),
      options,
      strict: true,
      allowPositionals: true,
    }) as { values: Values; positionals: string[] };
  } catch (error) {
    throw usageFromParseError(error, name);
  }
  const { values, positionals } = parsed;
  if (name === 'help') {
    const topic = positionals[0];
    if (topic === undefined) return { name: 'help' };
    return { name: 'help', topic: oneOf(topic, COMMAND_NAMES, 'command') };
  }
  if (values['help'] === true) return { name: 'help', topic: name };
  const json = values['json'] === true;
  switch (name) {
    case 'train':
      return trainCommand(values, positionals, flags);
    case 'study': {
      noPositionals(positionals, name);
      const file = values['file'];
      return {
        name,
        quick: values['quick'] === true,
        ...(typeof file === 'string' ? { file } : {}),
        ...backendOption(values),
        json,
        ...locations(values),
      };
    }
    case 'runs':
      noPositionals(positionals, name);
      return { name, json, ...locations(values) };
    case 'summary':
    case 'evaluate': {
      const [runId, extra] = positionals;
      if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" for "${name}"`);
      const id = runIdArgument(runId, name);
      return name === 'summary'
        ? { name, runId: id, json, ...locations(values) }
        : { name, runId: id, ...backendOption(values), json, ...locations(values) };
    }
    case 'predict': {
      const [runId, image, extra] = positionals;
      if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" for "predict"`);
      const index = values['index'];
      if ((image === undefined) === (typeof index !== 'string')) {
        throw new UsageError('predict needs an image file or --index N (one of the two)');
      }
      const input =
        typeof index === 'string'
          ? { index: integerFlag(index, 'index') }
          : { image: image as string };
      if ('index' in input && input.index < 0) {
        throw new UsageError(`--index must be 0 or more, got ${input.index}`);
      }
      return {
        name,
        runId: runIdArgument(runId, name),
        input,
        ...backendOption(values),
        json,
        ...locations(values),
      };
    }
  }
}
