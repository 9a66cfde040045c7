import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { TRIAL_QUEUE_NAME } from '../trial-job.js';

/** Every trial job on the queue at `url` with its BullMQ state ('waiting', 'active', ...), by job id. */
export async function trialJobStates(url: string): Promise<Record<string, string>> {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue(TRIAL_QUEUE_NAME, { connection: redis });
  try {
    const jobs = await queue.getJobs();
    const states = await Promise.all(jobs.map((job) => job.getState()));
    return Object.fromEntries(jobs.map((job, i) => [job.id ?? '', states[i] ?? 'unknown']));
  } finally {
    await queue.close();
    await redis.quit();
  }
}
