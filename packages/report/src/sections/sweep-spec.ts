import { TRIAL_STATES, type SpaceDimension, type SweepJson } from '@fashion-lab/run';
import { escapeText } from '../escape.js';
import { formatDate } from '../format.js';
import { section, table } from '../html.js';
import { categoryLabel } from '../shape/sweep-axes.js';

/** A config's fields as "model=dense epochs=2", in the order they are written. */
function fields(point: Record<string, unknown>): string {
  const entries = Object.entries(point).filter(([, value]) => value !== undefined);
  return entries.length === 0
    ? '(none)'
    : entries.map(([key, value]) => `${key}=${categoryLabel(value)}`).join(' ');
}

/** One field of the space in words: a grid's list, or the distribution a random search draws. */
function dimensionText(dimension: SpaceDimension): string {
  if (Array.isArray(dimension)) return `${dimension.map(categoryLabel).join(', ')} (grid)`;
  if ('choice' in dimension) return `one of ${dimension.choice.map(categoryLabel).join(', ')}`;
  if ('loguniform' in dimension) {
    return `log-uniform from ${dimension.loguniform[0]} to ${dimension.loguniform[1]}`;
  }
  return `uniform from ${dimension.uniform[0]} to ${dimension.uniform[1]}`;
}

/** "8 trials: 6 completed, 1 pruned, 1 failed": every state the trials are in, in state order. */
export function trialCounts(sweep: SweepJson): string {
  const counts = TRIAL_STATES.map(
    (state) => [state, sweep.trials.filter((trial) => trial.state === state).length] as const,
  ).filter(([, count]) => count > 0);
  const total = `${sweep.trials.length} trial${sweep.trials.length === 1 ? '' : 's'}`;
  return counts.length === 0
    ? total
    : `${total}: ${counts.map(([state, count]) => `${count} ${state}`).join(', ')}`;
}

/** What the sweep was asked to do: base, space, seeds, search and halving, and where it stands. */
export function sweepSpecSection(sweep: SweepJson): string {
  const { spec } = sweep;
  const code = (value: string) => `<code>${escapeText(value)}</code>`;
  const rows: string[][] = [
    ['Sweep', `<span class="mono">${escapeText(sweep.sweepId)}</span>`],
    ...(spec.description === undefined ? [] : [['Description', escapeText(spec.description)]]),
    ['Base config', code(fields(spec.base as Record<string, unknown>))],
    ...Object.entries(spec.space as Record<string, SpaceDimension>).map(([key, dimension]) => [
      `Space: ${code(key)}`,
      escapeText(dimensionText(dimension)),
    ]),
    ...(spec.configs === undefined
      ? []
      : spec.configs.map((config, index) => [
          `Config ${index + 1}`,
          code(fields(config as Record<string, unknown>)),
        ])),
    ['Seeds', escapeText(spec.seeds.join(', '))],
    ...(spec.trials === undefined
      ? []
      : [
          [
            'Random search',
            escapeText(
              `${spec.trials} draws${spec.seed === undefined ? '' : ` with the sweep's seed ${spec.seed}`}`,
            ),
          ],
        ]),
    ...(spec.halving === undefined
      ? []
      : [
          [
            'Successive halving',
            escapeText(
              `first rung after ${spec.halving.minEpochs} epoch${spec.halving.minEpochs === 1 ? '' : 's'}, ` +
                `the best 1/${spec.halving.factor} go on` +
                (sweep.rungs === undefined ? '' : `; rungs at epochs ${sweep.rungs.join(', ')}`),
            ),
          ],
        ]),
    ['Trials', escapeText(trialCounts(sweep))],
    ['Started', escapeText(formatDate(sweep.createdAt))],
    ['Last update', escapeText(formatDate(sweep.updatedAt))],
  ];
  return section('spec', 'The sweep', table(['What', 'Value'], rows));
}
