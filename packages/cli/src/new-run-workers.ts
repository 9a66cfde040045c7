import type { NewRunConfig } from '@fashion-lab/core';
import type { TrainConfig } from '@fashion-lab/run';

/**
 * A new run's `config` with the worker count the user gave (`--workers`, a study run's `workers`),
 * or none, so core picks the default for the model on the backend it selects (1 on tfjs-node).
 */
export function withRequestedWorkers(
  config: TrainConfig,
  workers: number | undefined,
): NewRunConfig {
  const { workers: _filledIn, ...rest } = config;
  return workers === undefined ? rest : { ...rest, workers };
}
