import { describe, expect, it } from 'vitest';
import { defaultConfig, type BackendChoice, type BackendName } from '@fashion-lab/run';
import type { NewRunConfig } from '../training/new-run-config.js';
import { ConfigError } from '../training/validate-config.js';
import { trainsInOneThread, workerCountFor } from './worker-count.js';

/** A new cnn run asking for `workers` (absent: the default) with `--backend choice`. */
function cnnRun(choice: BackendChoice, workers?: number): NewRunConfig {
  const { workers: _default, ...config } = defaultConfig('cnn', { backend: choice });
  return workers === undefined ? config : { ...config, workers };
}

describe('trainsInOneThread', () => {
  it.each<[BackendName, boolean]>([
    ['node', true],
    ['wasm', false],
    ['cpu', false],
  ])('%s -> %s', (backend, oneThread) => {
    expect(trainsInOneThread(backend)).toBe(oneThread);
  });
});

describe('workerCountFor', () => {
  it.each<[string, NewRunConfig, BackendName, number]>([
    ['the default on wasm is one per core', cnnRun('auto'), 'wasm', 2],
    ['the default on cpu is one per core', cnnRun('cpu'), 'cpu', 2],
    ['an explicit count on wasm is kept', cnnRun('wasm', 3), 'wasm', 3],
    ['the default on node (picked by auto) is 1', cnnRun('auto'), 'node', 1],
    ['the default on node (asked for) is 1', cnnRun('node'), 'node', 1],
    ['an explicit 1 on node is kept', cnnRun('auto', 1), 'node', 1],
  ])('%s', (_, config, backend, workers) => {
    expect(workerCountFor(config, backend, 2)).toBe(workers);
  });

  it('refuses worker threads on the node backend that --backend auto picked, in one sentence', () => {
    expect(() => workerCountFor(cnnRun('auto', 2), 'node', 2)).toThrow(
      new ConfigError(
        '--workers 2 cannot train on the node backend (--backend auto picked it, as @tensorflow/tfjs-node is installed): tfjs-node is not safe in worker threads and uses every core from one thread, so leave out --workers or pass --backend wasm',
      ),
    );
  });

  it('refuses worker threads on an explicit --backend node', () => {
    expect(() => workerCountFor(cnnRun('node', 4), 'node', 8)).toThrow(
      new ConfigError(
        '--workers 4 cannot train on the node backend: tfjs-node is not safe in worker threads and uses every core from one thread, so leave out --workers or pass --backend wasm',
      ),
    );
  });
});
