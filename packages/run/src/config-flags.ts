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

/**
 * The flag of config field `key`: the key in kebab-case (`batchSize` is `--batch-size`), except
 * `--lr`, which every optimizer paper and tool spells so.
 */
export function configFlagName(key: keyof TrainConfig): `--${string}` {
  if (key === 'learningRate') return '--lr';
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** One training flag: how a command line sets the field and how `reproduceCommand` writes it. */
export interface ConfigFlag {
  /** The flag, derived from the key by configFlagName. */
  flag: `--${string}`;
  key: keyof TrainConfig;
  /**
   * 'value': the flag always takes a value; 'optional-value': a value only when the next argument
   * is not a flag (a bare flag means a default, see `read`).
   */
  takes: 'value' | 'optional-value';
  /** Placeholder for help text, e.g. 'N'. */
  valueName: string;
  /** The allowed values of an enumerated flag. */
  choices?: readonly string[];
  description: string;
  /** What leaving the flag out means, where that is not one value for every model ("off"). */
  defaultText?: string;
  /**
   * The config fields the flag's text sets (`undefined`: the flag given bare, only for
   * 'optional-value'); throws ConfigFlagError naming the flag.
   */
  read(value: string | undefined): Partial<TrainConfig>;
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
  key: K,
  description: string,
  options: {
    numeric?: boolean;
    valueName: string;
    choices?: readonly string[];
    defaultText?: string;
  },
): ConfigFlag {
  const flag = configFlagName(key);
  return {
    flag,
    key,
    takes: 'value',
    valueName: options.valueName,
    ...(options.choices === undefined ? {} : { choices: options.choices }),
    ...(options.defaultText === undefined ? {} : { defaultText: options.defaultText }),
    description,
    read(value) {
      const text = need(flag, value);
      const fields: Partial<TrainConfig> = {};
      fields[key] = check(flag, key, options.numeric ? toNumber(flag, text) : text);
      return fields;
    },
    format(config) {
      const v = config[key];
      return v === undefined ? [] : [flag, String(v)];
    },
  };
}

// The flags the hand-written entries below name in their messages.
const AUGMENT = configFlagName('augment');
const TTA = configFlagName('tta');
const EARLY_STOPPING = configFlagName('earlyStopping');
const REDUCE_LR_ON_PLATEAU = configFlagName('reduceLrOnPlateau');

/**
 * Every training flag, in the order `reproduceCommand` writes them and `train --help` lists them.
 * The CLI builds `train`'s options and help from this table, so a config field, its flag and its
 * place in the reproduce command never drift apart.
 */
export const CONFIG_FLAGS: readonly ConfigFlag[] = [
  valueFlag('model', 'Which network to train.', {
    choices: MODEL_NAMES,
    valueName: 'NAME',
  }),
  valueFlag('optimizer', 'Which optimizer updates the weights.', {
    choices: OPTIMIZER_NAMES,
    valueName: 'NAME',
  }),
  valueFlag('learningRate', 'Learning rate.', { numeric: true, valueName: 'RATE' }),
  valueFlag(
    'lrSchedule',
    'How the rate changes over epochs: constant, or cosine (from RATE down to a few percent of it in the last epoch).',
    { choices: CONFIG_LR_SCHEDULES, valueName: 'NAME' },
  ),
  valueFlag('momentum', 'Momentum for SGD, in [0, 1).', {
    numeric: true,
    valueName: 'M',
    defaultText: 'none',
  }),
  valueFlag('epochs', 'Passes over the training images.', { numeric: true, valueName: 'N' }),
  valueFlag('batchSize', 'Images per training step.', { numeric: true, valueName: 'N' }),
  valueFlag('validationSplit', 'Fraction of training images held out for validation.', {
    numeric: true,
    valueName: 'F',
  }),
  valueFlag('limit', 'Use only N training images in all (before the validation split).', {
    numeric: true,
    valueName: 'N',
    defaultText: 'every image',
  }),
  valueFlag('seed', 'Seed for weights, data order, augmentation and dropout.', {
    numeric: true,
    valueName: 'N',
  }),
  {
    flag: AUGMENT,
    key: 'augment',
    takes: 'optional-value',
    valueName: 'NAME',
    choices: CONFIG_AUGMENT_NAMES,
    description:
      'Augment training images: flip (mirror left-right), full (flips, shifts up to 2 pixels, erasing) or off; a bare --augment (or "on") means full.',
    read(value) {
      return {
        augment: check(AUGMENT, 'augment', value === undefined || value === 'on' ? 'full' : value),
      };
    },
    format(config) {
      // A model may augment by default, so "off" is written whenever leaving the flag out would not mean it.
      const modelDefault = MODEL_TABLE[config.model].defaults.augment ?? 'off';
      return config.augment === 'off' && modelDefault === 'off' ? [] : [AUGMENT, config.augment];
    },
  },
  {
    flag: TTA,
    key: 'tta',
    takes: 'value',
    valueName: 'NAME',
    choices: CONFIG_TTA_NAMES,
    description:
      "Test-time augmentation: flip averages each prediction with the mirrored image's (validation, test and predict), off predicts the image alone.",
    defaultText: 'flip when training mirrors images (--augment flip or full), else off',
    read(value) {
      return { tta: check(TTA, 'tta', need(TTA, value)) };
    },
    format(config) {
      // Written only where leaving it out would mean something else (run files from before
      // --tta existed hold none and predicted plainly, whatever they trained on).
      const tta = config.tta ?? 'off';
      return tta === defaultTta(config.augment) ? [] : [TTA, tta];
    },
  },
  {
    flag: EARLY_STOPPING,
    key: 'earlyStopping',
    takes: 'value',
    valueName: 'PATIENCE[,no-restore]',
    description:
      'Stop when validation accuracy has not improved for PATIENCE epochs and restore the best weights (",no-restore" keeps the last ones).',
    defaultText: 'off',
    read(value) {
      const [patience, restore, ...extra] = need(EARLY_STOPPING, value).split(',');
      if ((restore !== undefined && restore !== 'no-restore') || extra.length > 0) {
        throw new ConfigFlagError(
          EARLY_STOPPING,
          `${EARLY_STOPPING} must be PATIENCE or PATIENCE,no-restore, got ${JSON.stringify(value)}`,
        );
      }
      return {
        earlyStopping: check(EARLY_STOPPING, 'earlyStopping', {
          patience: toNumber(EARLY_STOPPING, patience ?? ''),
          restoreBestWeights: restore === undefined,
        }),
      };
    },
    format(config) {
      const e = config.earlyStopping;
      if (e === undefined) return [];
      return [
        EARLY_STOPPING,
        e.restoreBestWeights ? String(e.patience) : `${e.patience},no-restore`,
      ];
    },
  },
  {
    flag: REDUCE_LR_ON_PLATEAU,
    key: 'reduceLrOnPlateau',
    takes: 'optional-value',
    valueName: 'FACTOR,PATIENCE,MIN_LR',
    description: `Multiply the learning rate by FACTOR when validation loss stalls for PATIENCE epochs, down to MIN_LR (a bare flag: ${DEFAULT_REDUCE_LR_ON_PLATEAU.factor},${DEFAULT_REDUCE_LR_ON_PLATEAU.patience},${DEFAULT_REDUCE_LR_ON_PLATEAU.minLr}).`,
    defaultText: 'off',
    read(value) {
      if (value === undefined) return { reduceLrOnPlateau: { ...DEFAULT_REDUCE_LR_ON_PLATEAU } };
      const parts = value.split(',');
      if (parts.length !== 3) {
        throw new ConfigFlagError(
          REDUCE_LR_ON_PLATEAU,
          `${REDUCE_LR_ON_PLATEAU} must be FACTOR,PATIENCE,MIN_LR, got ${JSON.stringify(value)}`,
        );
      }
      const [factor, patience, minLr] = parts.map((p) => toNumber(REDUCE_LR_ON_PLATEAU, p));
      return {
        reduceLrOnPlateau: check(REDUCE_LR_ON_PLATEAU, 'reduceLrOnPlateau', {
          factor,
          patience,
          minLr,
        }),
      };
    },
    format(config) {
      const r = config.reduceLrOnPlateau;
      if (r === undefined) return [];
      const d = DEFAULT_REDUCE_LR_ON_PLATEAU;
      if (r.factor === d.factor && r.patience === d.patience && r.minLr === d.minLr) {
        return [REDUCE_LR_ON_PLATEAU];
      }
      return [REDUCE_LR_ON_PLATEAU, `${r.factor},${r.patience},${r.minLr}`];
    },
  },
  valueFlag(
    'workers',
    'Data-parallel training replicas, this thread included (1: no worker threads).',
    { numeric: true, valueName: 'N' },
  ),
  valueFlag('backend', 'tfjs backend (auto tries node, then wasm, then cpu).', {
    choices: CONFIG_BACKEND_CHOICES,
    valueName: 'NAME',
  }),
  valueFlag('dataset', 'Which dataset to train on.', {
    choices: CONFIG_DATASET_NAMES,
    valueName: 'NAME',
  }),
];

/** The command-line arguments that set every field of `config`, in CONFIG_FLAGS order. */
export function configToArgs(config: TrainConfig): string[] {
  return CONFIG_FLAGS.flatMap((f) => f.format(config));
}
