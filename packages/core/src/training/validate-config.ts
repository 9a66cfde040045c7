import { CONFIG_FLAGS, validateTrainConfig, describeValue, RunFileError } from '@fashion-lab/run';
import type { NewRunConfig } from './new-run-config.js';

/** A user mistake in a training config; the message is one sentence naming the flag. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The CLI flag that sets config field `key` (the key itself where none does). */
export function flagOf(key: string): string {
  return CONFIG_FLAGS.find((candidate) => candidate.key === key)?.flag ?? key;
}

/** The fields whose callbacks act on validation accuracy or loss. */
const VALIDATION_WATCHERS = ['earlyStopping', 'reduceLrOnPlateau'] as const;

/**
 * Rejects a config that cannot train, with the CLI flag at fault in the message
 * ("--epochs must be a positive integer, got -1"). The checks are run.json's config schema, so a
 * config that trains is exactly a config a run file may hold (`workers` may be left out).
 */
export function validateConfig(config: NewRunConfig): void {
  try {
    // A worker count left out is settled with the backend (workerCountFor); one stands in for it.
    validateTrainConfig({ workers: 1, ...config }, { file: 'config', path: '' });
  } catch (error) {
    if (!(error instanceof RunFileError)) throw error;
    const [key, ...rest] = error.field.split('.');
    const subject = [flagOf(key ?? ''), ...rest].join(' ');
    throw new ConfigError(
      `${subject} must be ${error.expected}, got ${describeValue(error.actual)}`,
    );
  }
  // Without validation images these would act on zeros (early stopping would end the run PATIENCE
  // epochs in and restore epoch 1's weights).
  const watcher = VALIDATION_WATCHERS.find((key) => config[key] !== undefined);
  if (config.validationSplit === 0 && watcher !== undefined) {
    throw new ConfigError(
      `${flagOf(watcher)} needs validation images, and ${flagOf('validationSplit')} 0 holds out none`,
    );
  }
  if (config.tta === 'flip' && config.augment === 'off') {
    throw new ConfigError(
      `${flagOf('tta')} flip needs a model trained on mirrored images (${flagOf('augment')} flip or full): one that never saw a mirror predicts mirrors badly`,
    );
  }
}
