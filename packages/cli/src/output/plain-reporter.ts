import { join } from 'node:path';
import { describeAugmentation } from '@fashion-lab/core';
import {
  type CheckpointEvent,
  type EpochEvent,
  type EpochStartEvent,
  type Reporter,
  type RunEndEvent,
  type RunResult,
  type RunStartEvent,
} from '@fashion-lab/run';
import { formatCount, formatLearningRate, formatMetric } from '../format.js';
import { outcomeLines, type ResumeLocations } from '../outcome-lines.js';
import { TrainingProgress } from '../training-progress.js';

/** Where plain output goes (process.stdout, or a collector in tests). */
export interface LineSink {
  write(text: string): unknown;
}

/** The first line of a run: what is trained, on what, with which backend and how many workers. */
export function startLine(event: RunStartEvent): string {
  const { config } = event;
  const resumed = event.startEpoch > 1 ? ` (resumed at epoch ${event.startEpoch})` : '';
  return (
    `run ${event.runId}${resumed}: ${config.model} (${formatCount(event.params)} params), ` +
    `${config.optimizer} lr ${formatLearningRate(config.learningRate)}` +
    `${config.lrSchedule === 'cosine' ? ' (cosine)' : ''}, batch ${config.batchSize}, ` +
    [`${config.epochs} epochs`, ...describeAugmentation(config), `backend ${event.backend}`].join(
      ', ',
    ) +
    `${config.workers > 1 ? ` x ${config.workers} workers` : ''}, ` +
    `${formatCount(event.trainCount)} train / ${formatCount(event.validationCount)} val / ` +
    `${formatCount(event.testCount)} test images`
  );
}

/** One finished epoch as a single line, `best` marking a new best validation accuracy. */
export function epochLine(event: EpochEvent, epochs: number, best: boolean): string {
  return (
    `epoch ${event.epoch}/${epochs}  loss ${formatMetric(event.loss)}  acc ${formatMetric(event.acc)}  ` +
    `val_loss ${formatMetric(event.valLoss)}  val_acc ${formatMetric(event.valAcc)}  ` +
    `lr ${formatLearningRate(event.lr)}  ${event.seconds.toFixed(1)}s${best ? '  best' : ''}`
  );
}

/**
 * The output when stdout is not a terminal (pipes, CI): a start line, one line per epoch and a
 * summary, with no escape codes. Batches are not printed; a line per batch would flood logs.
 */
export class PlainReporter implements Reporter {
  readonly progress = new TrainingProgress();

  constructor(
    private readonly out: LineSink,
    private readonly runsDir: string,
    private readonly prefix = '',
    private readonly locations: ResumeLocations = {},
  ) {}

  private line(text: string): void {
    this.out.write(`${this.prefix}${text}\n`);
  }

  onRunStart(event: RunStartEvent): void {
    this.progress.apply(event);
    this.line(startLine(event));
  }

  onEpochStart(event: EpochStartEvent): void {
    this.progress.apply(event);
  }

  onEpochEnd(event: EpochEvent): void {
    this.progress.apply(event);
    const row = this.progress.rows.at(-1);
    this.line(epochLine(event, this.progress.epochs, row?.best === true));
  }

  onCheckpoint(event: CheckpointEvent): void {
    this.progress.apply(event);
  }

  onRunEnd(event: RunEndEvent, result: RunResult): void {
    this.progress.apply(event, result.evaluation);
    const runId = this.progress.start?.runId;
    const runDir = runId === undefined ? undefined : join(this.runsDir, runId);
    for (const line of outcomeLines(this.progress, runDir, this.locations)) this.line(line.text);
  }
}
