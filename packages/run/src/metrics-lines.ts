import type { BatchEvent, EpochEvent, MetricsLine } from './events.js';
import {
  field,
  metric,
  nonNegativeInteger,
  object,
  oneOf,
  positiveInteger,
  type Where,
} from './checks.js';
import { RunFileError } from './run-file-error.js';

/** A metrics.jsonl line that was skipped, with its 1-based line number. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** Validates one parsed line of metrics.jsonl (an epoch or a batch event). */
export function validateMetricsLine(value: unknown, where: Where): MetricsLine {
  const obj = object(value, where);
  const type = field(obj, 'type', where, (v, w) => oneOf(v, w, ['epoch', 'batch'] as const));
  if (type === 'epoch') {
    const line: EpochEvent = {
      type,
      epoch: field(obj, 'epoch', where, positiveInteger),
      loss: field(obj, 'loss', where, metric),
      acc: field(obj, 'acc', where, metric),
      valLoss: field(obj, 'valLoss', where, metric),
      valAcc: field(obj, 'valAcc', where, metric),
      lr: field(obj, 'lr', where, metric),
      seconds: field(obj, 'seconds', where, metric),
    };
    return line;
  }
  const line: BatchEvent = {
    type,
    epoch: field(obj, 'epoch', where, positiveInteger),
    batch: field(obj, 'batch', where, positiveInteger),
    batches: field(obj, 'batches', where, nonNegativeInteger),
    loss: field(obj, 'loss', where, metric),
    acc: field(obj, 'acc', where, metric),
    samplesPerSec: field(obj, 'samplesPerSec', where, metric),
  };
  return line;
}

/**
 * Parses metrics.jsonl text. Never throws: a torn last line (a crash mid-append) or any invalid
 * line is skipped and reported with its line number, so readers can show the rest.
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
  return { lines, skipped };
}
