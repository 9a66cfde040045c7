import { describe, expect, it } from 'vitest';
import { seedStudyPresets, selectedRunIds, type PresetCandidate } from './compare-presets';

function run(
  id: string,
  model: string,
  optimizer: string,
  experiment: string | null,
  createdAt: string,
  status = 'completed',
): PresetCandidate {
  return { id, model, optimizer, experiment, createdAt, status };
}

describe('seedStudyPresets', () => {
  it('takes both presets from the newest seed-study experiment only', () => {
    const old = 'seed-study-20261101-1000';
    const newest = 'seed-study-quick-20261125-2101';
    const runs = [
      ...['sgd', 'rmsprop', 'adam', 'nadam'].map((o) =>
        run(`old-dense-${o}`, 'dense', o, old, '2026-11-01T10:00:00Z'),
      ),
      ...['sgd', 'rmsprop', 'adam', 'nadam'].map((o) =>
        run(`new-dense-${o}`, 'dense', o, newest, '2026-11-25T21:01:00Z'),
      ),
      run('new-cnn-adam', 'cnn', 'adam', newest, '2026-11-25T21:30:00Z'),
      run('new-cnnr-adam', 'cnn-regularized', 'adam', newest, '2026-11-25T21:40:00Z'),
      run('loose-cnn', 'cnn', 'adam', null, '2026-11-20T00:00:00Z'),
    ];
    expect(seedStudyPresets(runs)).toEqual([
      {
        label: 'Seed study: optimizers',
        description: `dense net with SGD, RMSProp, Adam and Nadam (${newest})`,
        runIds: ['new-dense-sgd', 'new-dense-rmsprop', 'new-dense-adam', 'new-dense-nadam'],
      },
      {
        label: 'Seed study: models',
        description: `dense, CNN and regularized CNN, all with Adam (${newest})`,
        runIds: ['new-dense-adam', 'new-cnn-adam', 'new-cnnr-adam'],
      },
    ]);
  });

  it('falls back to the newest completed run of each pair without a study', () => {
    const runs = [
      run('a1', 'dense', 'adam', null, '2026-11-01T00:00:00Z'),
      run('a2', 'dense', 'adam', null, '2026-11-02T00:00:00Z'),
      run('a3', 'dense', 'adam', null, '2026-11-03T00:00:00Z', 'failed'),
      run('s1', 'dense', 'sgd', null, '2026-11-01T00:00:00Z'),
    ];
    expect(seedStudyPresets(runs).map((p) => p.runIds)).toEqual([['s1', 'a2']]);
  });

  it('offers nothing when fewer than two runs fit', () => {
    expect(seedStudyPresets([run('a', 'dense', 'adam', null, '2026-11-01T00:00:00Z')])).toEqual([]);
  });
});

describe('selectedRunIds', () => {
  it.each([
    [undefined, []],
    ['a', ['a']],
    ['a,b', ['a', 'b']],
    [
      ['a', 'b,c', 'a'],
      ['a', 'b', 'c'],
    ],
    [' a , ,b', ['a', 'b']],
  ])('%j -> %j', (value, expected) => {
    expect(selectedRunIds(value)).toEqual(expected);
  });
});
