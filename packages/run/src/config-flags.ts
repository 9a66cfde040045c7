import type { ReduceLrOnPlateauConfig, TrainConfig } from './config.js';
import { MODEL_TABLE } from './model-table.js';
import { defaultTta } from './config-defaults.js';
import {
  CONFIG_AUGMENT_NAMES,
  CONFIG_BACKEND_CHOICES,
  CONFIG_DATASET_NAMES,
  CONFIG_LR_SCHEDULES,
  MODEL_NAMES,
  OPTIMIZER_NAMES,
  CONFIG_TTA_NAMES,
  validateConfigField,
} from './config.js';
import { describeValue, RunFileError } from './run-file-error.js';

/** A command-line flag whose value is wrong; the message names the flag and the defect. */
export class ConfigFlagError extends Error {
  override readonly name = 'ConfigFlagError';

  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
  }
}

/** `--reduce-lr-on-plateau` without a value: halve the rate after 2 flat epochs, down to 1e-5. */
export const DEFAULT_REDUCE_LR_ON_PLATEAU: ReduceLrOnPlateauConfig = {
  factor: 0.5,
  patience: 2,
  minLr: 1e-5,
};

/** One training flag: how the CLI parses it and how `reproduceCommand` writes it. */
export interface ConfigFlag {
  flag: `--${string}`;
  key: keyof TrainConfig;
  /**
   * 'value': the next argument (or `--flag=value`) is the value; 'switch': no value;
   * 'optional-value': a value only when the next argument does not start with `--`.
   */
  takes: 'value' | 'switch' | 'optional-value';
  /** Placeholder for help text, e.g. 'N'. */
  valueName?: string;
  /** The allowed values of an enumerated flag. */
  choices?: readonly string[];
  description: string;
  /** Sets the field in `config` from the flag's text (undefined for a bare switch); throws ConfigFlagError. */
  apply(config: Partial<TrainConfig>, value: string | undefined): void;
  /** The arguments this field contributes to a command line ([] when unset). */
  format(config: TrainConfig): string[];
}

function check<K extends keyof TrainConfig>(
  flag: string,
  key: K,
  value: unknown,
): NonNullable<TrainConfig[K]> {
  try {
    return validateConfigField(key, value, { file: 'command line', path: flag });
  } catch (error) {
    if (!(error instanceof RunFileError)) throw error;
    throw new ConfigFlagError(
      flag,
      `${flag} must be ${error.expected}, got ${describeValue(error.actual)}`,
    );
  }
}

function need(flag: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new ConfigFlagError(flag, `${flag} needs a value`);
  return value;
}

/** Parses a number strictly: "1e-3" and "0.001" yes, "", "12abc" and "0x10" no. */
function toNumber(flag: string, text: string): number {
  const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : Number.NaN;
  if (Number.isNaN(n))
    throw new ConfigFlagError(flag, `${flag} must be a number, got ${JSON.stringify(text)}`);
  return n;
}

/** The usual flag: `--flag VALUE` for one field, numeric or enumerated. */
function valueFlag<K extends keyof TrainConfig>(
  flag: `--${string}`,
  key: K,
  description: string,
  options: { numeric?: boolean; valueName?: string; choices?: readonly string[] },
): ConfigFlag {
  return {
    flag,
    key,
    takes: 'value',
    ...(options.valueName === undefined ? {} : { valueName: options.valueName }),
    ...(options.choices === undefined ? {} : { choices: options.choices }),
    description,
    apply(config, value) {
      const text = need(flag, value);
      config[key] = check(flag, key, options.numeric ? toNumber(flag, text) : text);
    },
    format(config) {
      const v = config[key];
      return v === undefined ? [] : [flag, String(v)];
    },
  };
}

/**
 * Every training flag, in the order `reproduceCommand` writes them. The CLI parses `train` with this
 * table, so a config field, its flag and its place in the reproduce command never drift apart.
 */
export const CONFIG_FLAGS: readonly ConfigFlag[] = [
  valueFlag('--model', 'model', 'Which network to train.', {
    choices: MODEL_NAMES,
    valueName: 'NAME',
  }),
  valueFlag('--optimizer', 'optimizer', 'Which optimizer updates the weights.', {
    choices: OPTIMIZER_NAMES,
    valueName: 'NAME',
  }),
  valueFlag('--lr', 'learningRate', 'Learning rate.', { numeric: true, valueName: 'RATE' }),
  valueFlag(
    '--lr-schedule',
    'lrSchedule',
    'How the rate changes over epochs: constant, or cosine (from RATE down to a few percent of it in the last epoch).',
    { choices: CONFIG_LR_SCHEDULES, valueName: 'NAME' },
  ),
  valueFlag('--momentum', 'momentum', 'Momentum for SGD, in [0, 1).', {
    numeric: true,
    valueName: 'M',
  }),
  valueFlag('--epochs', 'epochs', 'Passes over the training images.', {
    numeric: true,
    valueName: 'N',
  }),
  valueFlag('--batch-size', 'batchSize', 'Images per training step.', {
    numeric: true,
    valueName: 'N',
  }),
  valueFlag(
    '--validation-split',
    'validationSplit',
    'Fraction of training images held out for validation.',
    {
      numeric: true,
      valueName: 'F',
    },
  ),
  valueFlag(
    '--limit',
    'limit',
    'Use only N training images in all (before the validation split).',
    {
      numeric: true,
      valueName: 'N',
    },
  ),
  valueFlag('--seed', 'seed', 'Seed for weights, data order, augmentation and dropout.', {
    numeric: true,
    valueName: 'N',
  }),
  {
    flag: '--augment',
    key: 'augment',
    takes: 'optional-value',
    valueName: 'NAME',
    choices: CONFIG_AUGMENT_NAMES,
    description:
      'Augment training images: flip (mirror left-right), full (flips, shifts up to 2 pixels, erasing) or off; a bare --augment (or "on") means full.',
    apply(config, value) {
      config.augment = check(
        '--augment',
        'augment',
        value === undefined || value === 'on' ? 'full' : value,
      );
    },
    format(config) {
      // A model may augment by default, so "off" is written whenever leaving the flag out would not mean it.
      const modelDefault = MODEL_TABLE[config.model].defaults.augment ?? 'off';
      return config.augment === 'off' && modelDefault === 'off'
        ? []
        : ['--augment', config.augment];
    },
  },
  {
    flag: '--tta',
    key: 'tta',
    takes: 'value',
    valueName: 'NAME',
    choices: CONFIG_TTA_NAMES,
    description:
      "Test-time augmentation: flip averages each prediction with the mirrored image's (validation, test and predict), off predicts the image alone. Default: flip when training mirrors images (--augment flip or full), else off.",
    apply(config, value) {
      config.tta = check('--tta', 'tta', need('--tta', value));
    },
    format(config) {
      // Written only where leaving it out would mean something else (run files from before
      // --tta existed hold none and predicted plainly, whatever they trained on).
      const tta = config.tta ?? 'off';
      return tta === defaultTta(config.augment) ? [] : ['--tta', tta];
    },
  },
  {
    flag: '--early-stopping',
    key: 'earlyStopping',
    takes: 'value',
    valueName: 'PATIENCE[,no-restore]',
    description:
      'Stop when validation accuracy has not improved for PATIENCE epochs and restore the best weights (",no-restore" keeps the last ones).',
    apply(config, value) {
      const [patience, restore, ...extra] = need('--early-stopping', value).split(',');
      if ((restore !== undefined && restore !== 'no-restore') || extra.length > 0) {
        throw new ConfigFlagError(
          '--early-stopping',
          `--early-stopping must be PATIENCE or PATIENCE,no-restore, got ${JSON.stringify(value)}`,
        );
      }
      config.earlyStopping = check('--early-stopping', 'earlyStopping', {
        patience: toNumber('--early-stopping', patience ?? ''),
        restoreBestWeights: restore === undefined,
      });
    },
    format(config) {
      const e = config.earlyStopping;
      if (e === undefined) return [];
      return [
        '--early-stopping',
        e.restoreBestWeights ? String(e.patience) : `${e.patience},no-restore`,
      ];
    },
  },
  {
    flag: '--reduce-lr-on-plateau',
    key: 'reduceLrOnPlateau',
    takes: 'optional-value',
    valueName: 'FACTOR,PATIENCE,MIN_LR',
    description: `Multiply the learning rate by FACTOR when validation loss stalls for PATIENCE epochs, down to MIN_LR (default ${DEFAULT_REDUCE_LR_ON_PLATEAU.factor},${DEFAULT_REDUCE_LR_ON_PLATEAU.patience},${DEFAULT_REDUCE_LR_ON_PLATEAU.minLr}).`,
    apply(config, value) {
      if (value === undefined) {
        config.reduceLrOnPlateau = { ...DEFAULT_REDUCE_LR_ON_PLATEAU };
        return;
      }
      const parts = value.split(',');
      if (parts.length !== 3) {
        throw new ConfigFlagError(
          '--reduce-lr-on-plateau',
          `--reduce-lr-on-plateau must be FACTOR,PATIENCE,MIN_LR, got ${JSON.stringify(value)}`,
        );
      }
      const [factor, patience, minLr] = parts.map((p) => toNumber('--reduce-lr-on-plateau', p));
      config.reduceLrOnPlateau = check('--reduce-lr-on-plateau', 'reduceLrOnPlateau', {
        factor,
        patience,
        minLr,
      });
    },
    format(config) {
      const r = config.reduceLrOnPlateau;
      if (r === undefined) return [];
      const d = DEFAULT_REDUCE_LR_ON_PLATEAU;
      if (r.factor === d.factor && r.patience === d.patience && r.minLr === d.minLr) {
        return ['--reduce-lr-on-plateau'];
      }
      return ['--reduce-lr-on-plateau', `${r.factor},${r.patience},${r.minLr}`];
    },
  },
  valueFlag(
    '--workers',
    'workers',
    'Data-parallel training replicas, this thread included (1: no worker threads).',
    { numeric: true, valueName: 'N' },
  ),
  valueFlag('--backend', 'backend', 'tfjs backend (auto tries node, then wasm, then cpu).', {
    choices: CONFIG_BACKEND_CHOICES,
    valueName: 'NAME',
  }),
  valueFlag('--dataset', 'dataset', 'Which dataset to train on.', {
    choices: CONFIG_DATASET_NAMES,
    valueName: 'NAME',
  }),
];

/** The command-line arguments that set every field of `config`, in CONFIG_FLAGS order. */
export function configToArgs(config: TrainConfig): string[] {
  return CONFIG_FLAGS.flatMap((f) => f.format(config));
}

/**
 * Parses the training flags out of `args` (`--flag value` or `--flag=value`), leaving every other
 * argument in `rest` in order. Throws ConfigFlagError for a bad value.
 */
export function parseConfigFlags(args: readonly string[]): {
  config: Partial<TrainConfig>;
  rest: string[];
} {
  const byName = new Map(CONFIG_FLAGS.map((f) => [f.flag as string, f]));
  const config: Partial<TrainConfig> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const flag = byName.get(name);
    if (flag === undefined) {
      rest.push(arg);
      continue;
    }
    let value: string | undefined = name === arg ? undefined : arg.slice(eq + 1);
    if (value === undefined && flag.takes !== 'switch') {
      const next = args[i + 1];
      if (next !== undefined && (flag.takes === 'value' || !next.startsWith('--'))) {
        value = next;
        i++;
      }
    }
    flag.apply(config, value);
  }
  return { config, rest };
}
