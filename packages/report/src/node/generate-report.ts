import type { DatasetName } from '@fashion-lab/data';
import { loadDataset } from '@fashion-lab/data/node';
import { buildReport } from '../build-report.js';
import type { DatasetImages } from '../shape/dataset-preview.js';
import { loadReportData } from './load-report-data.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** What to report on and where to write it. */
export interface GenerateReportOptions {
  runsDir: string;
  out: string;
  experiment?: string | undefined;
  all?: boolean | undefined;
  /** Where the dataset is; default: the data package's lookup (never a download). */
  dataDir?: string | undefined;
  /** Replaces the dataset loader (tests, or a machine without the dataset). */
  loadDataset?: (dataset: string) => Promise<DatasetImages>;
}

/** What was written. */
export interface GeneratedReport {
  out: string;
  bytes: number;
  runs: number;
  problems: number;
}

function isDatasetName(name: string): name is DatasetName {
  return name === 'fashion-mnist' || name === 'mnist';
}

/** Finds the dataset where the data package looks, without downloading: a report never fetches. */
function defaultDatasetLoader(dataDir: string | undefined) {
  return async (dataset: string): Promise<DatasetImages> => {
    if (!isDatasetName(dataset)) throw new Error(`the runs use an unknown dataset "${dataset}".`);
    return loadDataset({ dataset, download: false, ...(dataDir === undefined ? {} : { dataDir }) });
  };
}

/**
 * Reads the runs, builds the report and writes it atomically to `out`. Throws NoRunsError (and
 * writes nothing) when there is no readable run.
 */
export async function generateReport(options: GenerateReportOptions): Promise<GeneratedReport> {
  const data = await loadReportData({
    runsDir: options.runsDir,
    experiment: options.experiment,
    all: options.all,
    loadDataset: options.loadDataset ?? defaultDatasetLoader(options.dataDir),
  });
  const html = buildReport(data);
  await writeFileAtomic(options.out, html);
  return {
    out: options.out,
    bytes: Buffer.byteLength(html),
    runs: data.runs.length,
    problems: data.problems.length,
  };
}
