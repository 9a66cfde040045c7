import {
  advanceHalving,
  recordRungResult,
  type Reporter,
  type SweepJson,
  type SweepTrial,
} from '@fashion-lab/run';
import { updateSweep } from '@fashion-lab/run/node';
import { runSweepTrial, type TrialTurn } from './run-sweep-trial.js';

export interface RunSweepLocallyOptions {
  sweepDir: string;
  runsDir: string;
  dataDir?: string;
  /** How many trials train at once (default 1: each run already uses the cores). */
  parallel?: number;
  /** Aborting interrupts the running trials (resumable) and starts no new one. */
  signal?: AbortSignal;
  /** Extra reporters for one trial's run (e.g. a progress view). */
  reportersFor?: (trial: SweepTrial) => Reporter[];
  onTrialStart?: (trial: SweepTrial, sweep: SweepJson) => void;
  onTrialEnd?: (turn: TrialTurn, trial: SweepTrial, sweep: SweepJson) => void;
}

/** sweep.json after one turn of `trial`: its new state, and with halving the rule applied. */
export function recordTurn(sweep: SweepJson, trial: number, turn: TrialTurn): SweepJson {
  const setState = (from: SweepJson, change: Partial<SweepTrial>): SweepJson => ({
    ...from,
    trials: from.trials.map((t, i) => (i === trial ? { ...t, ...change } : t)),
  });
  switch (turn.state) {
    case 'completed': {
      const scored = sweep.rungs ? recordRungResult(sweep, trial, turn.bestValAcc) : sweep;
      return advanceHalving(setState(scored, { state: 'completed' }));
    }
    case 'paused':
      return recordRungResult(sweep, trial, turn.bestValAcc);
    case 'failed':
      return advanceHalving(setState(sweep, { state: 'failed', error: turn.error }));
    case 'interrupted':
      // Its run resumes from the checkpoint on the sweep's next --resume.
      return setState(sweep, { state: 'pending' });
    case 'skipped':
      return sweep;
  }
}

/**
 * Runs a sweep's pending trials in this process, `parallel` at a time, as the single coordinator
 * of its sweep.json: marks each running, trains it with `runSweepTrial`, records the turn (pause,
 * promotion and pruning with halving) and goes on until no trial is pending or the signal stops
 * it. A trial left 'running' by a stopped process is pending again (its run resumes); a failed
 * trial is never retried. Resolves with the final sweep.json; an error that is not a trial's
 * (a missing dataset) lets the running trials end, then rejects with it.
 */
export async function runSweepLocally(options: RunSweepLocallyOptions): Promise<SweepJson> {
  const { sweepDir, signal } = options;
  const parallel = options.parallel ?? 1;
  let sweep = await updateSweep(sweepDir, (current) => ({
    ...current,
    trials: current.trials.map((t) => (t.state === 'running' ? { ...t, state: 'pending' } : t)),
  }));
  // Trials another process holds are not tried again by this one.
  const skipped = new Set<number>();
  let fatal: { error: unknown } | undefined;
  const inFlight = new Map<number, Promise<void>>();
  const nextPending = (): SweepTrial | undefined =>
    sweep.trials.find(
      (t) => t.state === 'pending' && !inFlight.has(t.trial) && !skipped.has(t.trial),
    );
  const start = async (pending: SweepTrial): Promise<void> => {
    sweep = await updateSweep(sweepDir, (current) => ({
      ...current,
      trials: current.trials.map((t) =>
        t.trial === pending.trial ? { ...t, state: 'running' } : t,
      ),
    }));
    const running = sweep.trials[pending.trial] ?? pending;
    options.onTrialStart?.(running, sweep);
    let turn: TrialTurn;
    try {
      turn = await runSweepTrial({
        sweepDir,
        runsDir: options.runsDir,
        trial: pending.trial,
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
        ...(options.reportersFor ? { reporters: options.reportersFor(running) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      // Not the trial's failure (training failures are turns): the dataset is missing, a file
      // cannot be written. The trial waits for a resume and no other one starts.
      fatal ??= { error };
      turn = { state: 'interrupted', runId: pending.runId };
    }
    if (turn.state === 'skipped') skipped.add(pending.trial);
    sweep = await updateSweep(sweepDir, (current) => recordTurn(current, pending.trial, turn));
    options.onTrialEnd?.(turn, sweep.trials[pending.trial] ?? running, sweep);
  };
  for (;;) {
    while (signal?.aborted !== true && fatal === undefined && inFlight.size < parallel) {
      const pending = nextPending();
      if (pending === undefined) break;
      const index = pending.trial;
      inFlight.set(
        index,
        start(pending).finally(() => inFlight.delete(index)),
      );
    }
    if (inFlight.size === 0) {
      if (fatal !== undefined) throw fatal.error;
      return sweep;
    }
    await Promise.race(inFlight.values());
  }
}
