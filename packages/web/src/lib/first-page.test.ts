import { describe, expect, it } from 'vitest';
import { firstPage, RUNS_PER_PAGE } from './first-page';
import type { RunsTableRow } from './run-row';
import { testRunRow } from './run-row.test-support';

const row = (id: string, createdAt: string): RunsTableRow => testRunRow(id, { createdAt });

describe('firstPage', () => {
  it('is the newest RUNS_PER_PAGE runs, newest first, as the table opens', () => {
    const rows = Array.from({ length: RUNS_PER_PAGE + 7 }, (_, i) =>
      row(`run-${i}`, new Date(Date.UTC(2026, 10, 25, 0, i)).toISOString()),
    );
    const page = firstPage([...rows].reverse().concat([{ ok: false, id: 'z', error: 'bad' }]));
    expect(page.map((r) => r.id)).toEqual(
      rows
        .slice(7)
        .reverse()
        .map((r) => r.id),
    );
  });

  it('is every run, unreadable ones last, when there are fewer', () => {
    const rows = [
      { ok: false, id: 'b', error: 'bad' } as const,
      row('a', '2026-11-25T10:00:00.000Z'),
    ];
    expect(firstPage(rows).map((r) => r.id)).toEqual(['a', 'b']);
  });
});
