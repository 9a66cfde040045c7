import type { SweepJson, SweepResults } from '@fashion-lab/run';
import { parallelCoordinates } from '../charts/parallel-coordinates.js';
import { figure, section } from '../html.js';
import { axisValue, sweepAxes, TEST_AXIS } from '../shape/sweep-axes.js';
import { isCompleted, trialOutcome } from '../shape/sweep-outcomes.js';
import type { SweepReportTrial } from '../sweep-report-data.js';

/**
 * The parallel-coordinates figure: from the hyperparameters the sweep varies, through the seed, to
 * test and best validation accuracy; one line per completed trial, the best config's lines on top.
 */
export function sweepFigureSection(
  sweep: SweepJson,
  trials: readonly SweepReportTrial[],
  results: SweepResults,
): string {
  const completed = trials.filter(isCompleted);
  if (completed.length === 0) {
    return section(
      'figure',
      'Hyperparameters to accuracy',
      '<p class="muted">No trial has completed yet, so there is no line to draw.</p>',
    );
  }
  const outcomes = completed.map(trialOutcome);
  const axes = sweepAxes(sweep, outcomes);
  const testAxis = axes.find((axis) => axis.key === TEST_AXIS)!;
  const colorDomain = testAxis.domain as [number, number];
  const best = results.best?.configKey;
  const lines = completed.map((item, index) => ({
    label: `trial ${item.trial.trial}: ${item.trial.configKey}, seed ${item.trial.seed}`,
    values: axes.map((axis) => axisValue(axis, item.trial, outcomes[index]!)),
    colorValue: outcomes[index]!.testAcc ?? colorDomain[0],
    highlight: item.trial.configKey === best,
  }));
  const chart = parallelCoordinates({
    title: `Sweep ${sweep.sweepId}: hyperparameters to accuracy`,
    description:
      `One line per completed trial (${completed.length} of ${trials.length}) through ` +
      `${axes.map((axis) => axis.label).join(', ')}; coloured by test accuracy, the best config's trials drawn thick.`,
    axes,
    lines,
    colorDomain,
    colorLabel: 'line colour: test accuracy',
    highlightLabel: best === undefined ? 'best config' : `best config: ${best}`,
  });
  return section(
    'figure',
    'Hyperparameters to accuracy',
    figure(
      chart,
      'Each line is one completed trial, from its hyperparameters and seed to its test and best validation accuracy (both on one scale). Pruned, failed and unfinished trials have no line.',
    ),
  );
}
