import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultWorkerCount, MAX_DEFAULT_WORKERS } from './default-workers.js';

describe('defaultWorkerCount', () => {
  it.each([
    [1, 1],
    [2, 2],
    [4, 4],
    [16, MAX_DEFAULT_WORKERS],
    [0, 1],
  ])('%i cores -> %i workers', (cores, workers) => {
    expect(defaultWorkerCount(cores)).toBe(workers);
  });

  it("uses this machine's cores by default", () => {
    expect(defaultWorkerCount()).toBe(Math.min(availableParallelism(), MAX_DEFAULT_WORKERS));
  });
});
