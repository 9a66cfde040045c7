import * as v from 'valibot';
import { parseWithSchema, type Where } from './parse-with-schema.js';
import {
  metric,
  nonNegativeInteger,
  plainObject,
  positiveInteger,
  type Fields,
} from './schema-pieces.js';
import { withoutReplayedLines } from './replayed-metrics.js';
import { RunFileError } from './run-file-error.js';

/** A metrics.jsonl line that was skipped, with its 1-based line number. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** A batch line: at most one a second while an epoch trains, so live views move. */
const BATCH_FIELDS = {
  type: v.literal('batch'),
  epoch: positiveInteger,
  /** 1-based index of the batch just finished. */
  batch: positiveInteger,
  batches: nonNegativeInteger,
  loss: metric,
  acc: metric,
  samplesPerSec: metric,
};

/** An epoch line: the epoch's training and validation numbers. */
const EPOCH_FIELDS = {
  type: v.literal('epoch'),
  epoch: positiveInteger,
  loss: metric,
  acc: metric,
  valLoss: metric,
  valAcc: metric,
  lr: metric,
  seconds: metric,
};

/** One line of metrics.jsonl. */
export const MetricsLineSchema = v.pipe(
  plainObject,
  v.variant(
    'type',
    [v.looseObject(EPOCH_FIELDS, 'an object'), v.looseObject(BATCH_FIELDS, 'an object')],
    "one of 'epoch', 'batch'",
  ),
);

export type BatchEvent = Fields<typeof BATCH_FIELDS>;
export type EpochEvent = Fields<typeof EPOCH_FIELDS>;
/** The lines of metrics.jsonl: exactly the training loop's epoch and batch events. */
export type MetricsLine = EpochEvent | BatchEvent;

/** Validates one parsed line of metrics.jsonl (an epoch or a batch event). */
export function validateMetricsLine(value: unknown, where: Where): MetricsLine {
  return parseWithSchema(MetricsLineSchema, value, where) as MetricsLine;
}

/**
 * Parses metrics.jsonl text. Never throws: a torn last line (a crash mid-append) or any invalid
 * line is skipped and reported with its line number, so readers can show the rest. An epoch an
 * older build wrote twice (see `withoutReplayedLines`) reads once, with its last lines.
 */
export function parseMetricsLines(
  text: string,
  file: string,
): { lines: MetricsLine[]; skipped: SkippedLine[] } {
  const lines: MetricsLine[] = [];
  const skipped: SkippedLine[] = [];
  const rows = text.split('\n');
  rows.forEach((row, i) => {
    if (row.trim() === '') return;
    const lineNumber = i + 1;
    const isLast = i === rows.length - 1; // complete lines end with '\n', so the last row is torn
    let parsed: unknown;
    try {
      parsed = JSON.parse(row);
    } catch {
      skipped.push({
        line: lineNumber,
        reason: `${file}:${lineNumber}: ${isLast ? 'torn last line (incomplete write)' : 'not valid JSON'}`,
      });
      return;
    }
    try {
      lines.push(validateMetricsLine(parsed, { file: `${file}:${lineNumber}`, path: '' }));
    } catch (error) {
      if (!(error instanceof RunFileError)) throw error;
      skipped.push({ line: lineNumber, reason: error.message });
    }
  });
  return { lines: withoutReplayedLines(lines), skipped };
}
