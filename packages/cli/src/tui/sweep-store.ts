import type { SweepJson, TrialRun } from '@fashion-lab/run';
import { TrainingProgress } from '../training-progress.js';
import { TuiStore } from './tui-store.js';

/**
 * The sweep screen's state: the latest sweep.json snapshot, the run.json of every completed
 * trial read so far (for mean ± std), and live training progress of the trials this process
 * trains (none where only snapshots are known, e.g. while waiting on a queue: there the epochs
 * workers wrote to the running trials' metrics). Drawing is paced by TuiStore.
 */
export class SweepStore extends TuiStore {
  sweep: SweepJson | undefined;
  /** run.json of completed trials, by run id. */
  readonly runs = new Map<string, TrialRun>();
  /** Live progress of running trials, by trial index. */
  readonly live = new Map<number, TrainingProgress>();
  /** The queue the trials wait on, without its password (a queued sweep only). */
  queue: string | undefined;
  /** A queued sweep's running trials: the epoch each last reached, read from its metrics. */
  readonly queueEpochs = new Map<number, number>();
  /** When each trial last changed state, as a running count (higher is later). */
  readonly changedAt = new Map<number, number>();
  private changes = 0;

  constructor(private readonly clockNow: () => number = () => performance.now()) {
    super(clockNow);
  }

  /**
   * Takes a new sweep.json snapshot: notes which trials changed state (the table shows the
   * latest first) and drops the live progress of trials no longer running.
   */
  setSweep(sweep: SweepJson): void {
    const before = this.sweep?.trials;
    for (const trial of sweep.trials) {
      const previous = before?.[trial.trial];
      if (previous !== undefined && previous.state !== trial.state) {
        this.changedAt.set(trial.trial, ++this.changes);
      }
      if (trial.state !== 'running') {
        this.live.delete(trial.trial);
        this.queueEpochs.delete(trial.trial);
      }
    }
    this.sweep = sweep;
  }

  /** A fresh progress for a trial that starts (or resumes) training here. */
  startTrial(trial: number): TrainingProgress {
    const progress = new TrainingProgress(this.clockNow);
    this.live.set(trial, progress);
    return progress;
  }
}
