import type {
  BatchEvent,
  CheckpointEvent,
  EpochEvent,
  EpochStartEvent,
  ErrorEvent,
  Reporter,
  RunEndEvent,
  RunResult,
  RunStartEvent,
} from '@fashion-lab/run';
import type { EpochRow } from '../training-progress.js';
import type { TuiStore } from './tui-store.js';

/**
 * Core's Reporter for the TUI: folds events into the store and lets it decide when to draw.
 * Batches only mark the screen stale (drawn at most 10 times a second); epochs and the end draw
 * at once, since they add printed-once rows.
 */
export class TuiReporter implements Reporter {
  /** `printRows: false` (a study) keeps the header and epoch rows off the printed-once log. */
  constructor(
    private readonly store: TuiStore,
    private readonly printRows = true,
  ) {}

  onRunStart(event: RunStartEvent): void {
    this.store.progress.apply(event);
    this.store.phase = this.store.phase === 'stopping' ? 'stopping' : 'training';
    if (this.printRows) {
      this.store.addStatic({ key: `header-${event.runId}`, kind: 'header' });
      this.store.addStatic({ key: `table-head-${event.runId}`, kind: 'table-head' });
      // A resumed run's earlier epochs, so the table reads as one run.
      for (const row of this.store.progress.rows) this.addRow(row);
    }
    this.store.invalidate(true);
  }

  onEpochStart(event: EpochStartEvent): void {
    this.store.progress.apply(event);
    this.store.invalidate();
  }

  onBatchEnd(event: BatchEvent): void {
    this.store.progress.apply(event);
    this.store.invalidate();
  }

  onEpochEnd(event: EpochEvent): void {
    const { progress } = this.store;
    progress.apply(event);
    const row = progress.rows.at(-1);
    if (row && this.printRows) this.addRow(row);
    this.store.invalidate(true);
  }

  /** Prints one epoch row; a copy, marked as it stood then ("best so far"). */
  private addRow(row: EpochRow): void {
    const { progress } = this.store;
    this.store.addStatic({
      key: `epoch-${progress.start?.runId}-${row.epoch}`,
      kind: 'epoch',
      row: { ...row },
      epochs: progress.epochs,
    });
  }

  onCheckpoint(event: CheckpointEvent): void {
    this.store.progress.apply(event);
  }

  onRunEnd(event: RunEndEvent, result: RunResult): void {
    this.store.progress.apply(event, result.evaluation);
    this.store.invalidate(true);
  }

  onError(event: ErrorEvent): void {
    this.store.progress.apply(event);
    this.store.invalidate(true);
  }
}
