import { formatRate } from '../format.js';
import { modelLabel, optimizerLabel } from '../labels.js';
import type { ReportRun } from '../report-data.js';

/** "the regularized CNN with Adam at learning rate 0.0005": a run in the report's prose. */
export function describeRun(run: ReportRun): string {
  const { model, optimizer, learningRate } = run.run.config;
  return `the ${modelLabel(model)} with ${optimizerLabel(optimizer)} at learning rate ${formatRate(learningRate)}`;
}
