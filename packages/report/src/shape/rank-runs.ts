import { max } from 'd3';
import type { ReportRun } from '../report-data.js';

/** A metric as a number, or undefined where it is missing or not finite (a diverged run stores null). */
export function finite(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The run's best validation accuracy: from its summary, else the best epoch so far. */
export function bestValAcc(run: ReportRun): number | undefined {
  return (
    finite(run.run.summary?.bestValAcc) ?? finite(max(run.epochs, (epoch) => finite(epoch.valAcc)))
  );
}

/** The test accuracy of a finished, evaluated run. */
export function testAcc(run: ReportRun): number | undefined {
  return finite(run.run.summary?.testAcc);
}

function compareDescending(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return b - a;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders runs best first: test accuracy, then best validation accuracy (runs not evaluated yet
 * rank below evaluated ones), then the older run, then run id, so ties never depend on read order.
 */
export function compareRuns(a: ReportRun, b: ReportRun): number {
  return (
    compareDescending(testAcc(a), testAcc(b)) ||
    compareDescending(bestValAcc(a), bestValAcc(b)) ||
    compareText(a.run.createdAt, b.run.createdAt) ||
    compareText(a.run.runId, b.run.runId)
  );
}

/** The best run: the first by compareRuns, or undefined when no run has a single epoch or test result. */
export function bestRun(runs: readonly ReportRun[]): ReportRun | undefined {
  const best = [...runs].sort(compareRuns)[0];
  return best !== undefined && (testAcc(best) !== undefined || bestValAcc(best) !== undefined)
    ? best
    : undefined;
}

/** The best run of each group (e.g. per model or per optimizer), keyed by `key(run)`. */
export function bestBy(
  runs: readonly ReportRun[],
  key: (run: ReportRun) => string,
): Map<string, ReportRun> {
  const best = new Map<string, ReportRun>();
  for (const run of [...runs].sort(compareRuns)) {
    const group = key(run);
    if (!best.has(group)) best.set(group, run);
  }
  return best;
}
