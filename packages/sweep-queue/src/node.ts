// The Node-only door of @fashion-lab/sweep-queue: the Redis connection, enqueueing, the worker.
export { checkQueueReachable, QueueUnreachableError } from './node/redis-connection.js';
export { updateSharedSweep } from './node/sweep-json-lock.js';
export { enqueueSweep, jobsToEnqueue, TRIAL_JOB_OPTIONS } from './node/trial-queue.js';
export { enqueueQueuedSweep } from './node/enqueue-queued-sweep.js';
export {
  LOCK_DURATION_MS,
  MAX_STALLED_COUNT,
  STALLED_INTERVAL_MS,
  startQueueWorker,
  type QueueWorker,
  type QueueWorkerOptions,
} from './node/queue-worker.js';
export {
  workerName,
  WorkerSetupError,
  type QueuedTrial,
  type TrialEvent,
} from './node/trial-job-processor.js';
export { sweepEnded, waitForSweep, type WaitForSweepOptions } from './node/wait-for-sweep.js';
