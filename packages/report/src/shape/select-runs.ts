import type { ReportRun } from '../report-data.js';

/** The runs a report is about, and how to say which they are. */
export interface RunSelection {
  runs: ReportRun[];
  experiment?: string;
  selection: string;
}

/** Asked for an experiment that has no runs; the message lists the ones there are. */
export class ExperimentNotFoundError extends Error {
  constructor(
    readonly experiment: string,
    readonly available: string[],
  ) {
    super(
      `No runs of experiment "${experiment}" were found` +
        (available.length === 0
          ? '; there are no experiments, only single runs.'
          : `; experiments found: ${available.join(', ')}.`),
    );
    this.name = 'ExperimentNotFoundError';
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Sorts runs by creation time, then id: the order every table of the report uses. */
export function sortByCreation(runs: readonly ReportRun[]): ReportRun[] {
  return [...runs].sort((a, b) =>
    a.run.createdAt < b.run.createdAt
      ? -1
      : a.run.createdAt > b.run.createdAt
        ? 1
        : a.run.runId < b.run.runId
          ? -1
          : a.run.runId > b.run.runId
            ? 1
            : 0,
  );
}

/**
 * Picks the runs of the report: `experiment` given, that experiment's runs; `all`, every run;
 * by default the latest experiment (the one started last) plus every run made outside a study.
 */
export function selectRuns(
  runs: readonly ReportRun[],
  options: { experiment?: string | undefined; all?: boolean | undefined } = {},
): RunSelection {
  const sorted = sortByCreation(runs);
  const started = new Map<string, string>();
  for (const { run } of sorted) {
    if (run.experiment !== undefined && !started.has(run.experiment))
      started.set(run.experiment, run.createdAt);
  }
  const experiments = [...started.entries()].sort((a, b) =>
    a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  );

  if (options.experiment !== undefined) {
    const experiment = options.experiment;
    const chosen = sorted.filter((item) => item.run.experiment === experiment);
    if (chosen.length === 0)
      throw new ExperimentNotFoundError(
        experiment,
        experiments.map(([name]) => name),
      );
    return {
      runs: chosen,
      experiment,
      selection: `experiment ${experiment} (${plural(chosen.length, 'run')})`,
    };
  }
  const single = sorted.filter((item) => item.run.experiment === undefined);
  if (options.all === true) {
    return {
      runs: sorted,
      selection: `all ${plural(sorted.length, 'run')}: ${plural(experiments.length, 'experiment')} and ${plural(single.length, 'single run')}`,
    };
  }
  const latest = experiments[experiments.length - 1]?.[0];
  if (latest === undefined) return { runs: single, selection: plural(single.length, 'single run') };
  const chosen = sorted.filter(
    (item) => item.run.experiment === latest || item.run.experiment === undefined,
  );
  const experimentRuns = chosen.length - single.length;
  return {
    runs: chosen,
    experiment: latest,
    selection:
      `experiment ${latest} (${plural(experimentRuns, 'run')})` +
      (single.length > 0 ? ` and ${plural(single.length, 'single run')}` : ''),
  };
}
