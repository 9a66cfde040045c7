import { describe, expect, it } from 'vitest';
import { groupRowsBySweep, startsSweepGroup } from './group-by-sweep';
import type { RunRow, RunsTableRow } from './run-row';
import { testRunRow } from './run-row.test-support';

function row(id: string, sweepId?: string): RunRow {
  return testRunRow(id, {
    createdAt: '2026-11-25T21:04:12.000Z',
    ...(sweepId === undefined ? {} : { sweep: { sweepId, trial: 0 } }),
  });
}
const broken: RunsTableRow = { ok: false, id: 'broken', error: 'run.json is empty' };
const ids = (rows: readonly RunsTableRow[]) => rows.map((r) => r.id);

describe('groupRowsBySweep: a sweep`s runs together, where its first run stands', () => {
  const rows = [
    row('x1', 'x'),
    row('plain1'),
    row('y1', 'y'),
    row('x2', 'x'),
    broken,
    row('y2', 'y'),
  ];

  it('moves each sweep`s later runs up to its first one and leaves other runs in place', () => {
    expect(ids(groupRowsBySweep(rows))).toEqual(['x1', 'x2', 'plain1', 'y1', 'y2', 'broken']);
  });

  it('keeps the order of a list without sweeps', () => {
    const plain = [row('a'), broken, row('b')];
    expect(ids(groupRowsBySweep(plain))).toEqual(['a', 'broken', 'b']);
  });

  it('marks where each sweep`s block begins on a page, also one continued from the last page', () => {
    const grouped = groupRowsBySweep(rows);
    expect(grouped.map((_, i) => startsSweepGroup(grouped, i))).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
    ]);
    const secondPage = grouped.slice(1);
    expect(startsSweepGroup(secondPage, 0)).toBe(true);
  });
});
