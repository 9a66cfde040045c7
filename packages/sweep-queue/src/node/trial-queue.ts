import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { SweepJson } from '@fashion-lab/run';
import { TRIAL_QUEUE_NAME, trialJobId, type TrialJob } from '../trial-job.js';

/**
 * Each job's options. A throw from training (not a trial's failed turn, which is a result) is
 * tried three times in all, then the trial is marked failed. Finished jobs are kept a week so
 * adding a job again under its id stays a no-op.
 */
export const TRIAL_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** The trial queue on `redis` (BullMQ makes its own extra connections from it where it needs them). */
export function trialQueue(redis: Redis): Queue<TrialJob> {
  return new Queue<TrialJob>(TRIAL_QUEUE_NAME, { connection: redis });
}

/** The jobs a sweep needs now: one per trial waiting to train (or left running by a lost worker). */
export function jobsToEnqueue(sweep: SweepJson): TrialJob[] {
  return sweep.trials
    .filter((trial) => trial.state === 'pending' || trial.state === 'running')
    .map((trial) => ({ sweepId: sweep.sweepId, trial: trial.trial, turn: trial.rung ?? 0 }));
}

/**
 * Adds a job for every trial of `sweep` that waits to train, each under its turn's job id:
 * enqueueing the same sweep twice adds nothing the second time. Resolves with the jobs asked for.
 */
export async function enqueueSweep(queue: Queue<TrialJob>, sweep: SweepJson): Promise<TrialJob[]> {
  const jobs = jobsToEnqueue(sweep);
  await queue.addBulk(
    jobs.map((data) => ({
      name: 'trial',
      data,
      opts: { ...TRIAL_JOB_OPTIONS, jobId: trialJobId(data) },
    })),
  );
  return jobs;
}
