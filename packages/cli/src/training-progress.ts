import type {
  BatchEvent,
  EpochEvent,
  Evaluation,
  RunEndEvent,
  RunStartEvent,
  TrainingEvent,
} from '@fashion-lab/run';

/** A finished epoch, marked when its validation accuracy was the best so far. */
export interface EpochRow extends EpochEvent {
  best: boolean;
}

/** How much each new batch loss moves the smoothed line (an exponential moving average). */
const LOSS_SMOOTHING = 0.05;
/** Past this many points the smoothed batch loss keeps every other one (charts need far fewer). */
const MAX_LOSS_POINTS = 8192;

/**
 * The state of one run as its events arrive: what every view (TUI, plain lines) shows, with the
 * derived numbers (ETA, run fraction, best epoch) computed in one place. Pure: time is injected.
 */
export class TrainingProgress {
  start: RunStartEvent | undefined;
  epoch = 0;
  /** Total epochs of the run (the target, which a resume may have raised). */
  epochs = 0;
  batch = 0;
  batches = 0;
  samplesPerSec = 0;
  lastLoss: number | undefined;
  readonly rows: EpochRow[] = [];
  bestEpoch: number | undefined;
  /** The exponential moving average of the batch loss, one point per batch (thinned when long). */
  readonly smoothedBatchLoss: number[] = [];
  /** Epochs whose resumable checkpoint is written. */
  checkpointEpoch = 0;
  end: RunEndEvent | undefined;
  evaluation: Evaluation | undefined;
  errorMessage: string | undefined;
  private startedAt: number | undefined;
  private batchesThisSession = 0;
  private lossAverage: number | undefined;
  private thinning = 1;
  private sinceLastPoint = 0;

  /** Epochs of a resumed run trained before this process (from its metrics.jsonl). */
  private history: readonly EpochEvent[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * The epochs a resumed run already has: at its run-start, those before the start epoch become
   * rows, so the charts show the whole run and "best" is the best of all epochs.
   */
  setHistory(epochs: readonly EpochEvent[]): void {
    this.history = epochs;
  }

  /** Folds one event into the state; `evaluation` comes with a completed run's end. */
  apply(event: TrainingEvent, evaluation?: Evaluation): void {
    switch (event.type) {
      case 'run-start':
        this.start = event;
        this.startedAt = this.now();
        this.batches = event.batchesPerEpoch;
        this.epoch = event.startEpoch;
        this.epochs = event.config.epochs;
        this.checkpointEpoch = event.startEpoch - 1;
        for (const row of this.history) if (row.epoch < event.startEpoch) this.applyEpoch(row);
        break;
      case 'epoch-start':
        this.epoch = event.epoch;
        this.batch = 0;
        this.epochs = event.epochs;
        break;
      case 'batch':
        this.applyBatch(event);
        break;
      case 'epoch':
        this.applyEpoch(event);
        break;
      case 'checkpoint':
        this.checkpointEpoch = event.epoch;
        break;
      case 'run-end':
        this.end = event;
        if (evaluation) this.evaluation = evaluation;
        if (event.summary) this.bestEpoch = event.summary.bestEpoch || this.bestEpoch;
        break;
      case 'error':
        this.errorMessage = event.message;
        break;
    }
  }

  private applyBatch(event: BatchEvent): void {
    this.epoch = event.epoch;
    this.batch = event.batch;
    this.batches = event.batches;
    this.samplesPerSec = event.samplesPerSec;
    this.lastLoss = event.loss;
    this.batchesThisSession++;
    if (!Number.isFinite(event.loss)) return;
    this.lossAverage =
      this.lossAverage === undefined
        ? event.loss
        : this.lossAverage + LOSS_SMOOTHING * (event.loss - this.lossAverage);
    if (++this.sinceLastPoint < this.thinning) return;
    this.sinceLastPoint = 0;
    this.smoothedBatchLoss.push(this.lossAverage);
    if (this.smoothedBatchLoss.length > MAX_LOSS_POINTS) {
      const kept = this.smoothedBatchLoss.filter((_, index) => index % 2 === 1);
      this.smoothedBatchLoss.splice(0, this.smoothedBatchLoss.length, ...kept);
      this.thinning *= 2;
    }
  }

  private applyEpoch(event: EpochEvent): void {
    const best = this.rows.every((row) => !(row.valAcc >= event.valAcc));
    if (best) {
      for (const row of this.rows) row.best = false;
      this.bestEpoch = event.epoch;
    }
    this.rows.push({ ...event, best });
    this.batch = this.batches;
  }

  /** Share of the current epoch's batches done, 0..1. */
  epochFraction(): number {
    return this.batches > 0 ? Math.min(1, this.batch / this.batches) : 0;
  }

  /** Share of the whole run's batches done (epochs from before a resume count as done), 0..1. */
  runFraction(): number {
    const total = this.epochs * this.batches;
    if (total === 0) return 0;
    return Math.min(1, ((this.epoch - 1) * this.batches + this.batch) / total);
  }

  /** Seconds since the run (or this resume of it) started. */
  elapsedSeconds(): number {
    return this.startedAt === undefined ? 0 : (this.now() - this.startedAt) / 1000;
  }

  /**
   * Seconds left, from the pace of the batches trained since this process started (validation
   * time of finished epochs included, so the estimate settles after the first epoch).
   */
  etaSeconds(): number | undefined {
    if (this.batchesThisSession < 3 || this.end) return undefined;
    const remaining = this.epochs * this.batches - ((this.epoch - 1) * this.batches + this.batch);
    return (this.elapsedSeconds() / this.batchesThisSession) * Math.max(0, remaining);
  }
}
