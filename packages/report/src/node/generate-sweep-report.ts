import { buildSweepReport } from '../build-sweep-report.js';
import { loadSweepReportData } from './load-sweep-report-data.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** What was written for a sweep. */
export interface GeneratedSweepReport {
  out: string;
  bytes: number;
  trials: number;
  problems: number;
}

/**
 * Reads sweep `sweepId` under `runsDir`, builds its report and writes it atomically to `out`.
 * Throws SweepNotFoundError or the run package's error for a damaged sweep.json, writing nothing.
 */
export async function generateSweepReport(options: {
  runsDir: string;
  sweepId: string;
  out: string;
}): Promise<GeneratedSweepReport> {
  const data = await loadSweepReportData(options);
  const html = buildSweepReport(data);
  await writeFileAtomic(options.out, html);
  return {
    out: options.out,
    bytes: Buffer.byteLength(html),
    trials: data.trials.length,
    problems: data.problems.length,
  };
}
