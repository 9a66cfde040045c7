import { describe, expect, it } from 'vitest';
import { ashaDecisions, type HalvingDecisions, type RungProgress } from './asha-decisions.js';

/** A config's progress: its scores per finished rung, the rung it may train to, stopped or not. */
const c = (configKey: string, scores: number[], rung = 0, stopped = false): RungProgress => ({
  configKey,
  scores,
  rung,
  stopped,
});
const promote = (...pairs: [string, number][]) =>
  pairs.map(([configKey, toRung]) => ({ configKey, toRung }));
const prune = (...pairs: [string, number][]) =>
  pairs.map(([configKey, atRung]) => ({ configKey, atRung }));
const none: HalvingDecisions = { promote: [], prune: [] };

describe('ashaDecisions', () => {
  it.each<[string, number, number, RungProgress[], HalvingDecisions]>([
    [
      'waits while fewer than `factor` configs finished the rung',
      3,
      3,
      [c('a', [0.8]), c('b', [0.7]), c('c', [])],
      none,
    ],
    [
      'promotes the best third as soon as 3 of 6 finished rung 0 (asynchronous)',
      3,
      3,
      [c('a', [0.8]), c('b', [0.7]), c('c', [0.6]), c('d', []), c('e', []), c('f', [])],
      { promote: promote(['a', 1]), prune: [] },
    ],
    [
      'promotes a late better config and prunes the rest once rung 0 is closed',
      3,
      3,
      [c('a', [0.8], 1), c('b', [0.7]), c('c', [0.6]), c('d', [0.9]), c('e', [0.5]), c('f', [0.4])],
      { promote: promote(['d', 1]), prune: prune(['b', 0], ['c', 0], ['e', 0], ['f', 0]) },
    ],
    [
      'factor 2: the better half of a closed rung goes on',
      2,
      2,
      [c('a', [0.1]), c('b', [0.4]), c('c', [0.3]), c('d', [0.2])],
      { promote: promote(['b', 1], ['c', 1]), prune: prune(['a', 0], ['d', 0]) },
    ],
    [
      'decides nothing at the final rung: those trials complete',
      2,
      2,
      [c('a', [0.4, 0.5], 1), c('b', [0.3], 0, true)],
      none,
    ],
    [
      'promotes a single config at each rung, so the sweep trains it to the end',
      3,
      3,
      [c('only', [0.7])],
      { promote: promote(['only', 1]), prune: [] },
    ],
    [
      'keeps promoting a single config up the rungs',
      3,
      3,
      [c('only', [0.7, 0.8], 1)],
      { promote: promote(['only', 2]), prune: [] },
    ],
    [
      'breaks ties in favour of the config listed first',
      2,
      2,
      [c('a', [0.5]), c('b', [0.5]), c('c', [0.5]), c('d', [0.5])],
      { promote: promote(['a', 1], ['b', 1]), prune: prune(['c', 0], ['d', 0]) },
    ],
    [
      'never promotes a NaN score (a diverged config)',
      2,
      2,
      [c('a', [Number.NaN]), c('b', [0.3])],
      { promote: promote(['b', 1]), prune: prune(['a', 0]) },
    ],
    [
      'prunes a lone NaN config rather than train it on',
      3,
      2,
      [c('a', [Number.NaN])],
      { promote: [], prune: prune(['a', 0]) },
    ],
    [
      'closes a rung that a stopped config (all trials failed) will never reach',
      2,
      2,
      [c('a', [0.6]), c('b', [], 0, true)],
      { promote: promote(['a', 1]), prune: [] },
    ],
    [
      'closes rung 1 once rung 0 is decided: the better of the two promoted goes on',
      2,
      3,
      [
        c('a', [0.6, 0.9], 1),
        c('b', [0.7, 0.8], 1),
        c('c', [0.2], 0, true),
        c('d', [0.1], 0, true),
      ],
      { promote: promote(['a', 2]), prune: prune(['b', 1]) },
    ],
    [
      'decides at rung 1 while rung 0 is still open',
      2,
      3,
      [c('a', [0.9, 0.9], 1), c('b', [0.8, 0.7], 1), c('c', [0.5]), c('d', [0.4]), c('e', [])],
      { promote: promote(['a', 2]), prune: [] },
    ],
  ])('%s', (_, factor, rungCount, configs, expected) => {
    expect(ashaDecisions(configs, { factor, rungCount })).toEqual(expected);
  });

  it('does not change the progress it is given', () => {
    const configs = [c('a', [0.5]), c('b', [0.4])];
    const copy = structuredClone(configs);
    ashaDecisions(configs, { factor: 2, rungCount: 2 });
    expect(configs).toEqual(copy);
  });
});
