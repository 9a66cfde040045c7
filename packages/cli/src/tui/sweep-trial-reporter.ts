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
 * One sweep trial's training events folded into its progress on the sweep screen: batches only
 * mark the screen stale (the store paces drawing), a start, an epoch and the end draw at once.
 */
export class SweepTrialReporter implements Reporter {
  constructor(
    private readonly store: TuiStore,
    private readonly progress: TrainingProgress,
  ) {}

  onRunStart(event: RunStartEvent): void {
    this.progress.apply(event);
    this.store.invalidate(true);
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
    this.store.invalidate(true);
  }

  onCheckpoint(event: CheckpointEvent): void {
    this.progress.apply(event);
  }

  onRunEnd(event: RunEndEvent): void {
    this.progress.apply(event);
    this.store.invalidate(true);
  }

  onError(event: ErrorEvent): void {
    this.progress.apply(event);
    this.store.invalidate(true);
  }
}
