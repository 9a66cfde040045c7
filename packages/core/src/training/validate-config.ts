import type { TrainConfig } from '../config.js';
import { MODELS } from '../models/registry.js';
import { OPTIMIZERS } from '../optimizers/registry.js';

/** A user mistake in a training config; the message is one sentence naming the flag. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const BACKENDS = ['auto', 'node', 'wasm', 'cpu'];
const DATASETS = ['fashion-mnist', 'mnist'];

function positiveInteger(value: number, flag: string): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${flag} must be a positive integer, got ${value}`);
  }
}

/** Rejects a config that cannot train, with the CLI flag at fault in the message. */
export function validateConfig(config: TrainConfig): void {
  if (!(config.model in MODELS)) {
    throw new ConfigError(
      `unknown model "${config.model}" (choose one of ${Object.keys(MODELS).join(', ')})`,
    );
  }
  if (!(config.optimizer in OPTIMIZERS)) {
    throw new ConfigError(
      `unknown optimizer "${config.optimizer}" (choose one of ${Object.keys(OPTIMIZERS).join(', ')})`,
    );
  }
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
    throw new ConfigError(`--lr must be a number greater than 0, got ${config.learningRate}`);
  }
  if (config.momentum !== undefined && !(config.momentum >= 0 && config.momentum < 1)) {
    throw new ConfigError(`--momentum must be in [0, 1), got ${config.momentum}`);
  }
  positiveInteger(config.epochs, '--epochs');
  positiveInteger(config.batchSize, '--batch-size');
  positiveInteger(config.workers, '--workers');
  if (!(config.validationSplit > 0 && config.validationSplit < 1)) {
    throw new ConfigError(
      `--validation-split must be between 0 and 1 (exclusive), got ${config.validationSplit}`,
    );
  }
  if (config.limit !== undefined) positiveInteger(config.limit, '--limit');
  if (!Number.isInteger(config.seed) || config.seed < 0) {
    throw new ConfigError(`--seed must be a non-negative integer, got ${config.seed}`);
  }
  if (!BACKENDS.includes(config.backend)) {
    throw new ConfigError(
      `unknown backend "${config.backend}" (choose one of ${BACKENDS.join(', ')})`,
    );
  }
  if (!DATASETS.includes(config.dataset)) {
    throw new ConfigError(
      `unknown dataset "${config.dataset}" (choose one of ${DATASETS.join(', ')})`,
    );
  }
  if (config.earlyStopping) positiveInteger(config.earlyStopping.patience, '--early-stopping');
  const plateau = config.reduceLrOnPlateau;
  if (plateau) {
    if (!(plateau.factor > 0 && plateau.factor < 1)) {
      throw new ConfigError(
        `--reduce-lr-on-plateau factor must be in (0, 1), got ${plateau.factor}`,
      );
    }
    positiveInteger(plateau.patience, '--reduce-lr-on-plateau patience');
  }
}
