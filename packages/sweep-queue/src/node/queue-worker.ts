import { Worker } from 'bullmq';
import type { QueueUrl } from '../queue-url.js';
import { TRIAL_QUEUE_NAME, type TrialJob } from '../trial-job.js';
import { openRedis } from './redis-connection.js';
import {
  processTrialJob,
  recordFailedJob,
  workerName,
  type TrialEvent,
  type WorkerSetupError,
} from './trial-job-processor.js';
import { trialQueue } from './trial-queue.js';

/**
 * How fast a lost worker's trial is taken over. The lock on a job lasts LOCK_DURATION_MS and is
 * renewed every half of it while the worker lives (training yields to the event loop every
 * ~125 ms, so renewals are never starved); every live worker looks for jobs whose lock expired
 * every STALLED_INTERVAL_MS. A killed worker's trial is thus back on the queue 10-15 s later,
 * while a worker must stop renewing for 10 s to be presumed lost.
 */
export const LOCK_DURATION_MS = 10_000;
export const STALLED_INTERVAL_MS = 5_000;
/** How often one job may be lost with its worker before it fails (a trial that kills its worker). */
export const MAX_STALLED_COUNT = 3;

export interface QueueWorkerOptions {
  queue: QueueUrl;
  runsDir: string;
  dataDir?: string;
  /** Trials trained at once by this worker (default 1: each run already uses the cores). */
  concurrency?: number;
  onEvent?: (event: TrialEvent) => void;
  /** A connection problem, said in one line without the password (the worker keeps trying). */
  onConnectionError?: (message: string) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** "host:pid", as its lines and sweep.json name it. */
  readonly name: string;
  /** Interrupts its trials resumably, hands their jobs back at once and disconnects. */
  stop(): Promise<void>;
  /** Rejects with a WorkerSetupError when the worker cannot train here (its job went back). */
  readonly failed: Promise<never>;
}

/**
 * Starts pulling trial jobs from the queue and training them (see `processTrialJob`), until
 * `stop()`. Call `checkQueueReachable` first: this one reconnects quietly forever.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const onConnectionError = options.onConnectionError ?? (() => undefined);
  const redis = openRedis(options.queue, onConnectionError);
  const queue = trialQueue(redis);
  const controller = new AbortController();
  const name = workerName();
  let rejectFailed: (error: WorkerSetupError) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    rejectFailed = reject;
  });
  // Nobody may have to listen: a worker that is only stopped never fails.
  failed.catch(() => undefined);
  const worker = new Worker<TrialJob, string>(
    TRIAL_QUEUE_NAME,
    (job, token) =>
      processTrialJob(job, token, {
        redis,
        queue,
        runsDir: options.runsDir,
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
        worker: name,
        signal: controller.signal,
        onEvent: options.onEvent ?? (() => undefined),
        onSetupError: (error) => {
          // No further job: this worker cannot train any.
          controller.abort();
          void worker.close();
          rejectFailed(error);
        },
      }),
    {
      connection: redis,
      name,
      concurrency: options.concurrency ?? 1,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: STALLED_INTERVAL_MS,
      maxStalledCount: MAX_STALLED_COUNT,
      autorun: false,
    },
  );
  worker.on('error', (error) =>
    onConnectionError(`queue ${options.queue.shown}: ${error.message}`),
  );
  // A job failed for good (finishedOn set) that our processor did not fail itself: lost with its
  // worker too often. Our own final failures were recorded already; recording skips those.
  worker.on('failed', (job, error) => {
    if (job?.finishedOn === undefined || job.finishedOn === null) return;
    recordFailedJob(job.data, error.message, {
      redis,
      queue,
      runsDir: options.runsDir,
      onEvent: options.onEvent ?? (() => undefined),
    }).catch((failure: unknown) =>
      onConnectionError(`queue ${options.queue.shown}: ${(failure as Error).message}`),
    );
  });
  void worker.run();
  await worker.waitUntilReady();
  let stopping: Promise<void> | undefined;
  return {
    name,
    failed,
    stop: () => {
      stopping ??= (async () => {
        controller.abort();
        await worker.close();
        await queue.close();
        await redis.quit().catch(() => undefined);
      })();
      return stopping;
    },
  };
}
