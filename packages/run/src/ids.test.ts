import { describe, expect, it } from 'vitest';
import { testConfig } from './testing/run-fixtures.js';
import { createRunId, experimentId, isSafeRunId } from './ids.js';

const now = new Date(Date.UTC(2026, 10, 25, 21, 4, 12));

describe('createRunId', () => {
  it('is <UTC yyyymmdd-HHMMSS>-<model>-<optimizer>', () => {
    expect(createRunId(testConfig, now)).toBe('20261125-210412-cnn-adam');
    expect(
      createRunId({ ...testConfig, model: 'cnn-regularized', optimizer: 'nadam' }, now, '2'),
    ).toBe('20261125-210412-cnn-regularized-nadam-2');
  });

  it('uses UTC whatever the local zone, zero-padded', () => {
    expect(createRunId(testConfig, new Date('2027-01-02T03:04:05+09:00'))).toBe(
      '20270101-180405-cnn-adam',
    );
  });

  it('refuses a suffix that could escape the runs directory', () => {
    expect(() => createRunId(testConfig, now, '../x')).toThrow(RangeError);
  });
});

describe('experimentId', () => {
  it('is <study>-<UTC yyyymmdd-HHMM>, with -quick for the quick variant', () => {
    expect(experimentId('seed-study', now)).toBe('seed-study-20261125-2104');
    expect(experimentId('seed-study', now, { quick: true })).toBe('seed-study-quick-20261125-2104');
  });
});

describe('isSafeRunId', () => {
  it.each([
    ['20261125-210412-cnn-adam', true],
    ['my_run', true],
    ['..', false],
    ['a/b', false],
    ['.hidden', false],
    ['', false],
    ['a b', false],
    ['sweeps', false],
    ['Sweeps', false],
    ['sweeps-1', true],
  ])('%j -> %s', (id, safe) => {
    expect(isSafeRunId(id)).toBe(safe);
  });
});
