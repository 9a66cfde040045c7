import type { SweepJson } from '@fashion-lab/run';
import type { QueueUrl } from '../queue-url.js';
import type { TrialJob } from '../trial-job.js';
import { openRedis } from './redis-connection.js';
import { updateSharedSweep } from './sweep-json-lock.js';
import { enqueueSweep, trialQueue } from './trial-queue.js';

/** sweep.json of a sweep whose trials go through a queue: which one, without its password. */
export type QueuedSweepJson = SweepJson & { queue?: string };

/**
 * Puts a sweep's waiting trials on the queue (again: a trial's job id never changes, so a resume
 * adds only what is missing) and notes in sweep.json the queue's URL without its password.
 * Resolves with the jobs asked for. Check the queue is reachable first.
 */
export async function enqueueQueuedSweep(
  queue: QueueUrl,
  dir: string,
  onConnectionError: (message: string) => void = () => undefined,
): Promise<TrialJob[]> {
  const redis = openRedis(queue, onConnectionError);
  const trials = trialQueue(redis);
  try {
    const sweep = await updateSharedSweep(
      redis,
      dir,
      (current): QueuedSweepJson => ({ ...current, queue: queue.shown }),
    );
    return await enqueueSweep(trials, sweep);
  } finally {
    await trials.close();
    await redis.quit().catch(() => undefined);
  }
}
