import {
  CONFIG_FLAGS,
  MODEL_NAMES,
  defaultConfig,
  type ConfigFlag,
  type TrainConfig,
} from '@fashion-lab/run';
import { MAX_DEFAULT_WORKERS } from '@fashion-lab/core/node';
import type { Command as CommanderCommand } from 'commander';
import { flagOption, type FlagOption } from './flag-option.js';

/** What a config flag's help says when its default is one value for every model, or differs. */
function defaultText(spec: ConfigFlag): string {
  // The CLI, not the table, picks the worker count (core's defaultWorkerCount).
  if (spec.key === 'workers') {
    return `one per core, at most ${MAX_DEFAULT_WORKERS}, or the model's own limit; 1 on the node backend`;
  }
  if (spec.defaultText !== undefined) return spec.defaultText;
  if (spec.key === 'model') return defaultConfig().model;
  const values = new Set(MODEL_NAMES.map((model) => String(defaultConfig(model)[spec.key])));
  const [only] = values;
  return values.size === 1 && only !== undefined ? only : "the model's (see Models below)";
}

/** A config flag's help: the table's description, its choices and its default. */
export function configFlagHelp(spec: ConfigFlag, defaultWording = defaultText(spec)): string {
  const choices = spec.choices ? ` Choices: ${spec.choices.join(', ')}.` : '';
  return `${spec.description}${choices} Default: ${defaultWording}.`;
}

/**
 * The commander option of one CONFIG_FLAGS entry. Its value is the config fields the flag sets,
 * read by the table, so a mistake gets the table's sentence in whichever subcommand it is made.
 */
export function configOption(spec: ConfigFlag, help = configFlagHelp(spec)): FlagOption {
  const option = flagOption(spec.flag, spec.takes, spec.valueName, help);
  return option.argParser((text: string) => spec.read(text));
}

/** The config fields the table's flags set in a parsed subcommand, in table order. */
export function configFlagValues(
  command: CommanderCommand,
  specs: readonly ConfigFlag[] = CONFIG_FLAGS,
): Partial<TrainConfig> {
  let config: Partial<TrainConfig> = {};
  for (const spec of specs) {
    const attribute = flagOption(spec.flag, spec.takes, spec.valueName, '').attributeName();
    const value: unknown = command.getOptionValue(attribute);
    if (value === undefined) continue;
    // commander stores `true` for an optional-value flag given bare; the table says what it means.
    const fields = value === true ? spec.read(undefined) : (value as Partial<TrainConfig>);
    config = { ...config, ...fields };
  }
  return config;
}
