import { hostname } from 'node:os';
import { join } from 'node:path';
import { DelayedError, WaitingError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { recordTurn, runSweepTrial, type TrialTurn } from '@fashion-lab/core/node';
import type { SweepJson, SweepTrial } from '@fashion-lab/run';
import { readSweep, runExists, sweepDir } from '@fashion-lab/run/node';
import type { TrialJob } from '../trial-job.js';
import { updateSharedSweep } from './sweep-json-lock.js';
import { enqueueSweep, TRIAL_JOB_OPTIONS } from './trial-queue.js';

/** A trial in sweep.json as a queue worker leaves it: also who trains (or trained) it. */
export type QueuedTrial = SweepTrial & { worker?: string };

/** "host:pid": how a worker is named in its lines and in sweep.json. */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

/** What a worker says about a trial: it started (`resumed`: its run already existed), or its turn. */
export type TrialEvent =
  | { kind: 'start'; sweep: SweepJson; trial: QueuedTrial; resumed: boolean }
  | { kind: 'end'; sweep: SweepJson; trial: QueuedTrial; turn: TrialTurn }
  | { kind: 'error'; sweep: SweepJson; trial: QueuedTrial; error: string; final: boolean };

/**
 * A failure of this worker's surroundings, not of the trial: no sweep.json in its runs directory,
 * a missing dataset, an unavailable backend. The job goes back to the queue for another worker
 * and this one stops.
 */
export class WorkerSetupError extends Error {
  override readonly name = 'WorkerSetupError';
}

/** Errors that say the worker, not the trial, is broken: another worker may well train it. */
const SETUP_ERRORS = new Set([
  'DatasetNotFoundError',
  'DatasetDownloadError',
  'ChecksumError',
  'IdxFormatError',
  'BackendUnavailableError',
]);

export interface TrialJobContext {
  redis: Redis;
  queue: Queue<TrialJob>;
  runsDir: string;
  dataDir?: string;
  worker: string;
  /** Aborted when the worker stops: the trial is interrupted resumably and handed back. */
  signal: AbortSignal;
  onEvent: (event: TrialEvent) => void;
  /** Called once with a setup failure, after its job went back to the queue. */
  onSetupError: (error: WorkerSetupError) => void;
}

/** How long a trial whose run another live process holds waits before it is looked at again. */
const HELD_ELSEWHERE_RETRY_MS = 15_000;

const TRAINABLE = new Set(['pending', 'running']);

/** Whether `job` is still the trial's next turn in `sweep` (not outdated by a recorded turn). */
function isTurnOf(sweep: SweepJson, job: TrialJob): boolean {
  const trial = sweep.trials[job.trial];
  return trial !== undefined && TRAINABLE.has(trial.state) && (trial.rung ?? 0) === job.turn;
}

/**
 * Records a job BullMQ failed for good without our processor saying so (it was lost with its
 * worker more often than MAX_STALLED_COUNT allows: a trial that kills its worker), so that the
 * trial is marked failed and the sweep can end.
 */
export async function recordFailedJob(
  job: TrialJob,
  reason: string,
  context: Pick<TrialJobContext, 'redis' | 'queue' | 'runsDir' | 'onEvent'>,
): Promise<void> {
  const dir = sweepDir(context.runsDir, job.sweepId);
  if (!(await runExists(dir))) return;
  let recorded: QueuedTrial | undefined;
  const after = await updateSharedSweep(context.redis, dir, (current) => {
    const trial = current.trials[job.trial];
    if (trial === undefined || !isTurnOf(current, job)) return current;
    recorded = trial;
    return recordTurn(current, job.trial, { state: 'failed', runId: trial.runId, error: reason });
  });
  if (recorded === undefined) return;
  context.onEvent({ kind: 'error', sweep: after, trial: recorded, error: reason, final: true });
  await enqueueSweep(context.queue, after);
}

/**
 * Trains one job's trial turn with core's `runSweepTrial` and records the turn in sweep.json
 * itself (under the sweep's Redis lock, with core's `recordTurn`), then enqueues the trials the
 * turn made pending (halving promotions): no coordinator process needs to stay up. A job whose
 * trial already moved on does nothing; a stop hands the job straight back to the queue.
 */
export async function processTrialJob(
  job: Job<TrialJob>,
  token: string | undefined,
  context: TrialJobContext,
): Promise<string> {
  const { sweepId, trial: index } = job.data;
  const dir = sweepDir(context.runsDir, sweepId);
  const handBack = async (): Promise<never> => {
    await job.moveToWait(token);
    throw new WaitingError();
  };
  if (!(await runExists(dir))) {
    context.onSetupError(
      new WorkerSetupError(
        `sweep ${sweepId} is not in ${context.runsDir}: every worker needs the runs directory the sweep was started in (shared storage; --runs-dir or RUNS_DIR)`,
      ),
    );
    return handBack();
  }
  const isThisTurn = (sweep: SweepJson): boolean => isTurnOf(sweep, job.data);
  // Every change applies only while this job is still the trial's turn: a worker BullMQ wrongly
  // judged lost may have recorded it meanwhile, and a turn is recorded once.
  const update = (change: (sweep: SweepJson) => SweepJson): Promise<SweepJson> =>
    updateSharedSweep(context.redis, dir, (current) =>
      isThisTurn(current) ? change(current) : current,
    );
  if (!isThisTurn(await readSweep(dir))) return 'outdated';
  let claimed = false;
  const sweep = await update((current) => {
    claimed = true;
    return withTrial(current, index, { state: 'running', worker: context.worker });
  });
  if (!claimed) return 'outdated';
  const trial = sweep.trials[index] as QueuedTrial;
  context.onEvent({
    kind: 'start',
    sweep,
    trial,
    resumed: await runExists(join(context.runsDir, trial.runId)),
  });
  let turn: TrialTurn;
  try {
    turn = await runSweepTrial({
      sweepDir: dir,
      runsDir: context.runsDir,
      trial: index,
      ...(context.dataDir !== undefined ? { dataDir: context.dataDir } : {}),
      signal: context.signal,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && SETUP_ERRORS.has(error.name)) {
      await update((current) => withTrial(current, index, { state: 'pending' }));
      context.onSetupError(new WorkerSetupError(message));
      return handBack();
    }
    // BullMQ tries the job again (after a backoff) until its attempts are used up; then the
    // trial is failed for good, so a broken trial is never retried forever.
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? TRIAL_JOB_OPTIONS.attempts ?? 1);
    const failed: TrialTurn = { state: 'failed', runId: trial.runId, error: message };
    const after = await update((current) =>
      final ? recordTurn(current, index, failed) : withTrial(current, index, { state: 'pending' }),
    );
    context.onEvent({ kind: 'error', sweep: after, trial, error: message, final });
    if (final) await enqueueSweep(context.queue, after);
    throw error;
  }
  if (turn.state === 'skipped') {
    // Another live process writes this run (a worker whose job BullMQ judged stalled while it
    // was only slow, or one on a machine that vanished less than a minute ago): look again later.
    context.onEvent({ kind: 'end', sweep, trial, turn });
    await job.moveToDelayed(Date.now() + HELD_ELSEWHERE_RETRY_MS, token);
    throw new DelayedError();
  }
  const after = await update((current) => recordTurn(current, index, turn));
  context.onEvent({ kind: 'end', sweep: after, trial: after.trials[index] ?? trial, turn });
  if (turn.state === 'interrupted') return handBack();
  await enqueueSweep(context.queue, after);
  return turn.state;
}

function withTrial(sweep: SweepJson, index: number, change: Partial<QueuedTrial>): SweepJson {
  return {
    ...sweep,
    trials: sweep.trials.map((trial, i) => (i === index ? { ...trial, ...change } : trial)),
  };
}
