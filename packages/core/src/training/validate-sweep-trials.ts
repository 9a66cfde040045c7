import type { SweepTrialPlan } from '@fashion-lab/run';
import { ConfigError, validateConfig } from './validate-config.js';

/**
 * Checks every trial config of an expanded sweep with `validateConfig` (rules across fields that
 * the spec's field-by-field checks cannot see), so a bad sweep fails before anything trains;
 * throws ConfigError naming the first bad trial, its config and the flag.
 */
export function validateSweepTrials(trials: readonly SweepTrialPlan[]): void {
  for (const trial of trials) {
    try {
      validateConfig(trial.config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new ConfigError(
        `trial ${trial.trial + 1} (${trial.configKey}, seed ${trial.seed}): ${error.message}`,
      );
    }
  }
}
