import { availableParallelism } from 'node:os';
import type { BackendName } from '@fashion-lab/run';
import type { NewRunConfig } from '../training/new-run-config.js';
import { ConfigError, flagOf } from '../training/validate-config.js';
import { defaultWorkerCount } from './default-workers.js';

/**
 * Whether `backend` trains in this thread only. tfjs-node's native addon breaks when worker threads
 * load it again (tfjs issues #2079, #3463, #8388), and libtensorflow spreads each op over the cores
 * itself, so worker threads would add nothing there.
 */
export function trainsInOneThread(backend: BackendName): backend is 'node' {
  return backend === 'node';
}

/**
 * The worker count a new run of `config` trains with on `backend`, the backend actually selected:
 * `config.workers`, or else the default for its model (1 on a backend that trains in one thread).
 * Throws ConfigError when `config.workers` > 1 asks for worker threads such a backend cannot use.
 */
export function workerCountFor(
  config: NewRunConfig,
  backend: BackendName,
  cores: number = availableParallelism(),
): number {
  if (!trainsInOneThread(backend)) return config.workers ?? defaultWorkerCount(config.model, cores);
  if (config.workers === undefined || config.workers === 1) return 1;
  const workers = `${flagOf('workers')} ${config.workers}`;
  const picked =
    config.backend === 'auto'
      ? ` (${flagOf('backend')} auto picked it, as @tensorflow/tfjs-node is installed)`
      : '';
  throw new ConfigError(
    `${workers} cannot train on the node backend${picked}: tfjs-node is not safe in worker threads and uses every core from one thread, so leave out ${flagOf('workers')} or pass ${flagOf('backend')} wasm`,
  );
}
