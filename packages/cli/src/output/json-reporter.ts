import type {
  BatchEvent,
  CheckpointEvent,
  EpochEvent,
  EpochStartEvent,
  ErrorEvent,
  Reporter,
  RunEndEvent,
  RunStartEvent,
  TrainingEvent,
} from '@fashion-lab/run';
import type { LineSink } from './plain-reporter.js';

/**
 * `--json`: every training event as one JSON object per line (NDJSON), exactly core's event
 * union, for scripts. Non-finite numbers (a diverged loss) become null, as JSON requires.
 */
export class JsonReporter implements Reporter {
  constructor(private readonly out: LineSink) {}

  private emit(event: TrainingEvent): void {
    this.out.write(`${JSON.stringify(event)}\n`);
  }

  onRunStart(event: RunStartEvent): void {
    this.emit(event);
  }
  onEpochStart(event: EpochStartEvent): void {
    this.emit(event);
  }
  onBatchEnd(event: BatchEvent): void {
    this.emit(event);
  }
  onEpochEnd(event: EpochEvent): void {
    this.emit(event);
  }
  onCheckpoint(event: CheckpointEvent): void {
    this.emit(event);
  }
  onRunEnd(event: RunEndEvent): void {
    this.emit(event);
  }
  onError(event: ErrorEvent): void {
    this.emit(event);
  }
}
