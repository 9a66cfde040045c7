import { setTimeout as sleep } from 'node:timers/promises';
import type { SweepJson } from '@fashion-lab/run';
import { readSweep } from '@fashion-lab/run/node';
import type { QueuedTrial } from './trial-job-processor.js';

/** States a trial leaves no more. */
const FINAL_STATES = new Set(['completed', 'failed', 'pruned']);

/** Whether every trial of `sweep` has ended (completed, failed or pruned). */
export function sweepEnded(sweep: SweepJson): boolean {
  return sweep.trials.every((trial) => FINAL_STATES.has(trial.state));
}

export interface WaitForSweepOptions {
  /** How often sweep.json is read (default every second). */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Called for every trial whose state or worker changed since the last look. */
  onChange?: (trial: QueuedTrial, sweep: SweepJson) => void;
}

/**
 * Watches a queued sweep's sweep.json (on the shared storage the workers write) until every
 * trial ended or the signal aborts; resolves with the last sweep.json read. Reading the file,
 * not the queue, shows the same as `--status` and needs no Redis connection.
 */
export async function waitForSweep(
  dir: string,
  options: WaitForSweepOptions = {},
): Promise<SweepJson> {
  const seen = new Map<number, string>();
  for (;;) {
    const sweep = await readSweep(dir);
    for (const trial of sweep.trials as QueuedTrial[]) {
      const now = `${trial.state} ${trial.worker ?? ''} ${trial.rung ?? ''}`;
      if (seen.get(trial.trial) !== now) {
        seen.set(trial.trial, now);
        options.onChange?.(trial, sweep);
      }
    }
    if (sweepEnded(sweep) || options.signal?.aborted === true) return sweep;
    await sleep(options.intervalMs ?? 1_000, undefined, { signal: options.signal }).catch(
      () => undefined,
    );
  }
}
