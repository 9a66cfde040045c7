import type { TrainConfig } from '@fashion-lab/run';

/**
 * A new run's config as a front end asks for it. Without `workers` the run gets the default for
 * its model on the backend actually selected (core/node's `workerCountFor`), so `--backend auto`
 * can settle the worker count once it knows which backend loaded.
 */
export type NewRunConfig = Omit<TrainConfig, 'workers'> & { workers?: number };
