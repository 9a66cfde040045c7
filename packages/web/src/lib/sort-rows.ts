import type { RunsTableRow } from './run-row';

/** The columns the runs table sorts by. */
export type SortKey =
  | 'experiment'
  | 'model'
  | 'optimizer'
  | 'status'
  | 'bestValAcc'
  | 'testAcc'
  | 'seconds'
  | 'createdAt';

export type SortDirection = 'asc' | 'desc';

function sortValue(row: RunsTableRow, key: SortKey): string | number | null {
  if (!row.ok) return null;
  const value = row[key];
  return value ?? null;
}

/** Newest first: run ids start with their UTC time. */
function byIdDescending(a: RunsTableRow, b: RunsTableRow): number {
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Sorts rows by one column; rows without a value go after the rest and unreadable runs last,
 * whatever the direction, and ties keep newest first so the order is stable.
 */
export function sortRows(
  rows: readonly RunsTableRow[],
  key: SortKey,
  direction: SortDirection,
): RunsTableRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const rank = (row: RunsTableRow) => (!row.ok ? 2 : sortValue(row, key) === null ? 1 : 0);
  return [...rows].sort((a, b) => {
    const rankDifference = rank(a) - rank(b);
    if (rankDifference !== 0) return rankDifference;
    const left = sortValue(a, key);
    const right = sortValue(b, key);
    if (left !== null && right !== null && left !== right) return left < right ? -sign : sign;
    return byIdDescending(a, b);
  });
}

/** Keeps rows whose id, experiment, model, optimizer or status contain every word of `query`. */
export function filterRows(
  rows: readonly RunsTableRow[],
  query: string,
  status: string = 'all',
): RunsTableRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (status !== 'all' && (!row.ok || row.status !== status)) {
      if (!(status === 'error' && !row.ok)) return false;
    }
    const text = row.ok
      ? [row.id, row.experiment ?? '', row.model, row.optimizer, row.status, row.backend].join(' ')
      : `${row.id} error`;
    const haystack = text.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
