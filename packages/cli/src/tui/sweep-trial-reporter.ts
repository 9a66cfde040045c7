import type {
  BatchEvent,
  CheckpointEvent,
  EpochEvent,
  EpochStartEvent,
  ErrorEvent,
  Reporter,
  RunEndEvent,
  RunStartEvent,
} from '@fashion-lab/run';
import type { TrainingProgress } from '../training-progress.js';
import type { TuiStore } from './tui-store.js';

/**
 * One sweep trial's training events folded into its progress on the sweep screen. Every event
 * only marks the screen stale and the store paces drawing (within about a second): unlike the
 * training screen's epochs, nothing here prints rows that must appear at once.
 */
export class SweepTrialReporter implements Reporter {
  constructor(
    private readonly store: TuiStore,
    private readonly progress: TrainingProgress,
  ) {}

  onRunStart(event: RunStartEvent): void {
    this.progress.apply(event);
    this.store.invalidate();
  }

  onEpochStart(event: EpochStartEvent): void {
    this.progress.apply(event);
    this.store.invalidate();
  }

  onBatchEnd(event: BatchEvent): void {
    this.progress.apply(event);
    this.store.invalidate();
  }

  onEpochEnd(event: EpochEvent): void {
    this.progress.apply(event);
    this.store.invalidate();
  }

  onCheckpoint(event: CheckpointEvent): void {
    this.progress.apply(event);
  }

  onRunEnd(event: RunEndEvent): void {
    this.progress.apply(event);
    this.store.invalidate();
  }

  onError(event: ErrorEvent): void {
    this.progress.apply(event);
    this.store.invalidate();
  }
}
