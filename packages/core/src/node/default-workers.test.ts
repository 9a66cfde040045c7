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
  ])('cnn on %i cores -> %i workers', (cores, workers) => {
    expect(defaultWorkerCount('cnn', cores)).toBe(workers);
  });

  it('keeps the dense net, whose steps are too short to split, on one worker', () => {
    expect(defaultWorkerCount('dense', 16)).toBe(1);
  });

  it("uses this machine's cores and the default model by default", () => {
    expect(defaultWorkerCount()).toBe(Math.min(availableParallelism(), MAX_DEFAULT_WORKERS));
  });
});
