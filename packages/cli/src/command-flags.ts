import type { Command as CommanderCommand } from 'commander';
import { flagOption, type FlagOption } from './flag-option.js';
import { UsageError } from './usage-error.js';

/**
 * A flag that is not a config field, declared once and added to every subcommand that takes it;
 * `valueIn` reads it back typed from the parsed subcommand.
 */
export interface CommandFlag<T> {
  flag: `--${string}`;
  /** A fresh option for one subcommand, with the subcommand's own wording where it differs. */
  option(description?: string): FlagOption;
  /** The flag's value, undefined when it was not given. */
  valueIn(command: CommanderCommand): T | undefined;
}

function declare<T>(
  flag: `--${string}`,
  takes: 'switch' | 'value',
  valueName: string,
  description: string,
  read: (value: unknown) => T | undefined,
  parse?: (text: string) => T,
): CommandFlag<T> {
  const attribute = flagOption(flag, takes, valueName, description).attributeName();
  return {
    flag,
    option(wording = description) {
      const option = flagOption(flag, takes, valueName, wording);
      return parse === undefined ? option : option.argParser(parse);
    },
    valueIn: (command) => read(command.getOptionValue(attribute)),
  };
}

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;

function textFlag(flag: `--${string}`, valueName: string, description: string) {
  return declare(flag, 'value', valueName, description, asString);
}

function switchFlag(flag: `--${string}`, description: string): CommandFlag<boolean> {
  return declare(flag, 'switch', '', description, (value) => value === true);
}

/** A flag whose value is a count from 0 up (an index); any other text is a usage mistake. */
function countFlag(flag: `--${string}`, valueName: string, description: string) {
  return declare(flag, 'value', valueName, description, asNumber, (text) => {
    if (!/^-?\d+$/.test(text)) throw new UsageError(`${flag} must be an integer, got "${text}"`);
    const count = Number(text);
    if (count < 0) throw new UsageError(`${flag} must be 0 or more, got ${count}`);
    return count;
  });
}

/** A flag whose value is a count from 1 up; any other text is a usage mistake. */
function positiveFlag(flag: `--${string}`, valueName: string, description: string) {
  return declare(flag, 'value', valueName, description, asNumber, (text) => {
    if (!/^\d+$/.test(text) || Number(text) < 1) {
      throw new UsageError(`${flag} must be a positive integer, got "${text}"`);
    }
    return Number(text);
  });
}

/** The CLI's flags besides the config fields (those come from the run package's CONFIG_FLAGS). */
export const COMMAND_FLAGS = {
  quick: switchFlag('--quick', 'A complete small run.'),
  resume: textFlag(
    '--resume',
    'RUN_ID',
    'Continue an interrupted run with its own config (add --epochs N to extend one).',
  ),
  file: textFlag('--file', 'FILE', 'A JSON study file of configs instead of the seed study.'),
  index: countFlag('--index', 'N', 'Predict test image N instead of an image file.'),
  dataDir: textFlag(
    '--data-dir',
    'DIR',
    'Where the four IDX files are. Default: FASHION_MNIST_DIR, else the user cache, else the system dataset folder, else a download into the cache.',
  ),
  runsDir: textFlag(
    '--runs-dir',
    'DIR',
    'Where runs are saved. Default: RUNS_DIR, else runs/ at the workspace root.',
  ),
  json: switchFlag('--json', 'Print JSON instead of text.'),
  sweepFile: textFlag('--file', 'FILE', 'The JSON sweep spec to start.'),
  resumeSweep: textFlag(
    '--resume',
    'SWEEP_ID',
    'Continue a stopped sweep: completed trials are kept, stopped ones resume from their checkpoints.',
  ),
  status: textFlag('--status', 'SWEEP_ID', "Show a sweep's progress, and its summary once done."),
  parallel: positiveFlag('--parallel', 'K', 'Train K trials at a time (default 1).'),
  queue: textFlag(
    '--queue',
    'URL',
    'A Redis URL (redis://HOST:PORT, redis://:PASSWORD@HOST:PORT, rediss:// for TLS). Default: FASHION_LAB_QUEUE.',
  ),
  detach: switchFlag('--detach', 'Put the trials on the queue and exit; --status shows progress.'),
  concurrency: positiveFlag('--concurrency', 'N', 'Train N trials at a time (default 1).'),
  explain: declare(
    '--explain',
    'value',
    'on|off',
    "Write explain.json (saliency heatmaps of the gallery images) and embedding.json (the test set's 2D map) at the end (default on).",
    (value) => (typeof value === 'boolean' ? value : undefined),
    (text) => {
      if (text !== 'on' && text !== 'off') {
        throw new UsageError(`--explain must be on or off, got "${text}"`);
      }
      return text === 'on';
    },
  ),
  seeds: positiveFlag(
    '--seeds',
    'N',
    'Run every config with N seeds (the default seed and the next ones) as a sweep, with error bars.',
  ),
};
