import { curves } from '@fashion-lab/run';
import {
  listRuns,
  readEmbedding,
  readEvaluation,
  readExplain,
  readMetrics,
  RUN_FILES,
} from '@fashion-lab/run/node';
import { stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type {
  DatasetSection,
  OptionalRunFile,
  ReportData,
  ReportProblem,
  ReportRun,
  TestSet,
} from '../report-data.js';
import { datasetPreview, type DatasetImages } from '../shape/dataset-preview.js';
import { bestRun } from '../shape/rank-runs.js';
import { selectRuns } from '../shape/select-runs.js';

/** The runs folder holds no readable run: there is nothing to report. */
export class NoRunsError extends Error {
  override readonly name = 'NoRunsError';

  constructor(
    readonly runsDir: string,
    readonly problems: ReportProblem[],
  ) {
    super(
      problems.length === 0
        ? `No runs found in ${runsDir}: train one first (npx nx run cli:train) or pass --runs-dir.`
        : `No readable runs in ${runsDir}; ${problems.length} could not be read:\n` +
            problems.map((problem) => `  ${problem.dir}: ${problem.reason}`).join('\n'),
    );
  }
}

/** Which runs to read, and how to find the dataset for the preview. */
export interface LoadReportOptions {
  runsDir: string;
  /** Only this experiment's runs; default: the latest experiment plus single runs. */
  experiment?: string | undefined;
  /** Every run in the folder. */
  all?: boolean | undefined;
  /** Loads the dataset for the preview; its error becomes the dataset section's message. */
  loadDataset: (dataset: string) => Promise<DatasetImages>;
}

/** Error messages name files by absolute path; the report names them relative to their run. */
function relative(message: string, runDir: string): string {
  return message.split(`${runDir}${sep}`).join('');
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function readDataset(
  load: LoadReportOptions['loadDataset'],
  dataset: string,
): Promise<{ section: DatasetSection; testSet?: TestSet }> {
  try {
    const images = await load(dataset);
    return { section: { ok: true, preview: datasetPreview(images) }, testSet: images.test };
  } catch (error) {
    return {
      section: { ok: false, reason: error instanceof Error ? error.message : String(error) },
    };
  }
}

/** An optional file of the best run; a damaged one becomes a problem and a notice, not a failure. */
async function readOptional<T>(
  read: () => Promise<T | undefined>,
  runDir: string,
): Promise<OptionalRunFile<T>> {
  try {
    const value = await read();
    return value === undefined ? { state: 'absent' } : { state: 'read', value };
  } catch (error) {
    return { state: 'unreadable', reason: relative((error as Error).message, runDir) };
  }
}

/**
 * Reads everything the report shows: the selected runs with their epochs, the best run's
 * evaluation, the dataset preview, and a list of what could not be read (instead of failing).
 * Throws NoRunsError when there is no readable run, ExperimentNotFoundError for an unknown experiment.
 */
export async function loadReportData(options: LoadReportOptions): Promise<ReportData> {
  const entries = await listRuns(options.runsDir);
  const problems: ReportProblem[] = [];
  const readable: ReportRun[] = [];
  for (const entry of entries) {
    const dir = basename(entry.dir);
    if (!entry.ok) {
      problems.push({ dir, reason: relative(entry.error, entry.dir) });
      continue;
    }
    readable.push({ dir, run: entry.run, epochs: [] });
  }
  if (readable.length === 0) throw new NoRunsError(options.runsDir, problems);
  const selection = selectRuns(readable, { experiment: options.experiment, all: options.all });

  await Promise.all(
    selection.runs.map(async (item) => {
      const runDir = join(options.runsDir, item.dir);
      try {
        const metrics = await readMetrics(runDir);
        item.epochs = curves(metrics.lines).epochs;
        for (const skipped of metrics.skipped) {
          // Core's reasons name the file and line already ("metrics.jsonl:5: torn last line").
          const reason = relative(skipped.reason, runDir);
          problems.push({
            dir: item.dir,
            reason: reason.includes(RUN_FILES.metrics)
              ? `${reason}; the line was skipped`
              : `${RUN_FILES.metrics} line ${skipped.line} skipped: ${reason}`,
          });
        }
      } catch (error) {
        problems.push({ dir: item.dir, reason: relative((error as Error).message, runDir) });
      }
      if (item.run.status === 'completed' && !(await exists(join(runDir, RUN_FILES.evaluation)))) {
        problems.push({ dir: item.dir, reason: `${RUN_FILES.evaluation} does not exist` });
      }
    }),
  );

  const best = bestRun(selection.runs);
  let bestEvaluation: ReportData['best'];
  if (best !== undefined && best.run.summary !== undefined) {
    const runDir = join(options.runsDir, best.dir);
    try {
      const evaluation = await readEvaluation(runDir);
      const explain = await readOptional(() => readExplain(runDir), runDir);
      const embedding = await readOptional(() => readEmbedding(runDir), runDir);
      for (const file of [explain, embedding]) {
        if (file.state === 'unreadable') problems.push({ dir: best.dir, reason: file.reason });
      }
      bestEvaluation = { runId: best.run.runId, ok: true, evaluation, explain, embedding };
    } catch (error) {
      const reason = relative((error as Error).message, runDir);
      bestEvaluation = { runId: best.run.runId, ok: false, reason };
      if (!problems.some((problem) => problem.dir === best.dir && problem.reason === reason)) {
        problems.push({ dir: best.dir, reason });
      }
    }
  }
  const datasetName = (best ?? selection.runs[0])?.run.config.dataset ?? 'fashion-mnist';
  // Promise.all above pushes problems in completion order: sort for a deterministic report.
  problems.sort((a, b) =>
    a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0,
  );
  const dataset = await readDataset(options.loadDataset, datasetName);
  // Only the map needs every test image; without one the report does not hold on to them.
  const hasMap = bestEvaluation?.ok === true && bestEvaluation.embedding.state === 'read';
  return {
    selection: selection.selection,
    ...(selection.experiment === undefined ? {} : { experiment: selection.experiment }),
    runs: selection.runs,
    problems,
    ...(bestEvaluation === undefined ? {} : { best: bestEvaluation }),
    dataset: dataset.section,
    ...(hasMap && dataset.testSet !== undefined ? { testSet: dataset.testSet } : {}),
  };
}
