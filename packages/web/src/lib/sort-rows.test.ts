import { describe, expect, it } from 'vitest';
import type { RunsTableRow } from './run-row';
import { testRunRow } from './run-row.test-support';
import { filterRows, sortRows } from './sort-rows';

const row = testRunRow;

const rows: RunsTableRow[] = [
  row('a', { testAcc: 0.8, model: 'cnn', createdAt: '2026-11-25T10:00:00.000Z' }),
  row('b', { testAcc: 0.9, optimizer: 'sgd', createdAt: '2026-11-25T11:00:00.000Z' }),
  row('c', {
    status: 'running',
    experiment: 'seed-study-x',
    createdAt: '2026-11-25T12:00:00.000Z',
  }),
  { ok: false, id: 'd', error: 'run.json is not valid JSON' },
];

describe('sortRows', () => {
  it.each([
    ['testAcc', 'desc', ['b', 'a', 'c', 'd']],
    ['testAcc', 'asc', ['a', 'b', 'c', 'd']],
    ['createdAt', 'desc', ['c', 'b', 'a', 'd']],
    ['model', 'asc', ['a', 'c', 'b', 'd']],
  ] as const)('by %s %s', (key, direction, expected) => {
    expect(sortRows(rows, key, direction).map((r) => r.id)).toEqual(expected);
  });

  it('does not reorder its input', () => {
    sortRows(rows, 'testAcc', 'asc');
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('filterRows', () => {
  it.each([
    ['', 'all', ['a', 'b', 'c', 'd']],
    ['cnn', 'all', ['a']],
    ['SGD', 'all', ['b']],
    ['seed study', 'all', ['c']],
    ['dense adam', 'all', ['c']],
    ['', 'running', ['c']],
    ['', 'error', ['d']],
    ['', 'stale', []],
    ['error', 'all', ['d']],
  ])('query %j status %s', (query, status, expected) => {
    expect(filterRows(rows, query, status).map((r) => r.id)).toEqual(expected);
  });
});
