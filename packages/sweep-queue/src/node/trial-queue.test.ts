import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSweepSpec, planSweep, type SweepJson } from '@fashion-lab/run';
import { redisServerMissing, startRedisServer, type RedisServer } from '../testing/redis-server.js';
import { trialJobId } from '../trial-job.js';
import { enqueueSweep, jobsToEnqueue, trialQueue } from './trial-queue.js';

const missing = redisServerMissing();

function tinySweep(): SweepJson {
  const spec = parseSweepSpec(
    {
      name: 'lr',
      base: { model: 'dense', epochs: 2 },
      space: { learningRate: [0.1, 0.2] },
      seeds: [1, 2],
    },
    'lr.json',
  );
  return planSweep(spec, { now: new Date('2026-12-07T08:00:00Z') });
}

describe('jobsToEnqueue', () => {
  it('asks for one job per pending or running trial, at its turn (rung)', () => {
    const sweep = tinySweep();
    const states = ['completed', 'pending', 'running', 'failed'] as const;
    const mixed = {
      ...sweep,
      trials: sweep.trials.map((trial, i) => ({ ...trial, state: states[i]!, rung: i })),
    };
    expect(jobsToEnqueue(mixed)).toEqual([
      { sweepId: sweep.sweepId, trial: 1, turn: 1 },
      { sweepId: sweep.sweepId, trial: 2, turn: 2 },
    ]);
  });
});

describe.skipIf(missing !== undefined)(`enqueueSweep ${missing ?? ''}`, () => {
  let server: RedisServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await redis.quit();
    await server.stop();
  });

  it("adds each trial once, under its turn's id, however often the sweep is enqueued", async () => {
    const queue = trialQueue(redis);
    const sweep = tinySweep();
    await enqueueSweep(queue, sweep);
    await enqueueSweep(queue, sweep);
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.map((job) => job.id).sort()).toEqual(
      sweep.trials
        .map((trial) => trialJobId({ sweepId: sweep.sweepId, trial: trial.trial, turn: 0 }))
        .sort(),
    );
    expect(jobs.map((job) => job.opts.attempts)).toEqual([3, 3, 3, 3]);
    await queue.close();
  });
});
