import { findWorkspaceRoot, resolveRunsDir } from '@fashion-lab/run/node';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ExperimentNotFoundError } from '../shape/select-runs.js';
import { generateReport, type GenerateReportOptions } from './generate-report.js';
import { generateSweepReport } from './generate-sweep-report.js';
import { NoRunsError } from './load-report-data.js';
import { SweepNotFoundError } from './load-sweep-report-data.js';

const USAGE = `Usage: nx run report:build -- [options]

Writes one self-contained HTML report of the runs.

Options:
  --runs-dir DIR      runs folder (default: $RUNS_DIR, else runs/ at the workspace root)
  --out FILE          report file (default: reports/fashion-lab-report.html at the workspace root)
  --experiment NAME   only this experiment's runs (default: the latest experiment plus single runs)
  --all               every run in the folder
  --sweep ID          a sweep's report instead: its answer, parallel coordinates, configs with
                      error bars and trials (default --out: reports/<ID>.html at the workspace root)
  --data-dir DIR      where the dataset is, for the sample images (never downloaded)
  --help              show this help
`;

/** Where the CLI writes and what it may replace (tests pass their own). */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Extra options for generateReport, e.g. a dataset loader in tests. */
  overrides?: Pick<GenerateReportOptions, 'loadDataset'>;
}

/**
 * Runs `report:build` with command-line arguments; returns the exit code: 0 written, 1 nothing to
 * report (no runs, unknown experiment) or a failure, 2 a usage mistake.
 */
export async function runReportCli(argv: string[], context: CliContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'runs-dir': { type: 'string' },
        out: { type: 'string' },
        experiment: { type: 'string' },
        all: { type: 'boolean' },
        sweep: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    context.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    context.stdout(USAGE);
    return 0;
  }
  if (values.all === true && values.experiment !== undefined) {
    context.stderr('Pass either --experiment or --all, not both.\n');
    return 2;
  }
  if (values.sweep !== undefined && (values.all === true || values.experiment !== undefined)) {
    context.stderr('Pass either --sweep or --experiment/--all, not both.\n');
    return 2;
  }
  const root = findWorkspaceRoot(context.cwd) ?? resolve(context.cwd);
  const runsDir = resolveRunsDir({
    runsDir: values['runs-dir'],
    env: context.env,
    cwd: context.cwd,
  });
  if (values.sweep !== undefined) {
    const out =
      values.out !== undefined
        ? resolve(context.cwd, values.out)
        : join(root, 'reports', `${basename(values.sweep)}.html`);
    return sweepReport({ runsDir, sweepId: values.sweep, out }, context);
  }
  const out =
    values.out !== undefined
      ? resolve(context.cwd, values.out)
      : join(root, 'reports', 'fashion-lab-report.html');
  try {
    const report = await generateReport({
      runsDir,
      out,
      experiment: values.experiment,
      all: values.all,
      dataDir:
        values['data-dir'] === undefined ? undefined : resolve(context.cwd, values['data-dir']),
      ...context.overrides,
    });
    context.stdout(
      `Wrote ${report.out} (${report.runs} run${report.runs === 1 ? '' : 's'}, ${Math.ceil(report.bytes / 1024)} KiB)` +
        (report.problems > 0
          ? `; ${report.problems} problem${report.problems === 1 ? '' : 's'} listed in the report`
          : '') +
        '\n',
    );
    return 0;
  } catch (error) {
    if (error instanceof NoRunsError || error instanceof ExperimentNotFoundError) {
      context.stderr(`${error.message}\n`);
      return 1;
    }
    context.stderr(
      `Could not build the report: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}

/** `--sweep ID`: writes the sweep's report; 1 for an unknown sweep or one that cannot be read. */
async function sweepReport(
  options: { runsDir: string; sweepId: string; out: string },
  context: CliContext,
): Promise<number> {
  try {
    const report = await generateSweepReport(options);
    context.stdout(
      `Wrote ${report.out} (sweep ${options.sweepId}, ${report.trials} trial${report.trials === 1 ? '' : 's'}, ${Math.ceil(report.bytes / 1024)} KiB)` +
        (report.problems > 0
          ? `; ${report.problems} problem${report.problems === 1 ? '' : 's'} listed in the report`
          : '') +
        '\n',
    );
    return 0;
  } catch (error) {
    context.stderr(
      error instanceof SweepNotFoundError
        ? `${error.message}\n`
        : `Could not build the sweep report: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}
