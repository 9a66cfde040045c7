import type { RunsTableRow } from './run-row';
import { sortRows } from './sort-rows';

/** Rows on one page of the runs table: it stays quick to draw with thousands of runs. */
export const RUNS_PER_PAGE = 50;

/** The page the runs list opens on, which the server draws: the newest runs. */
export function firstPage(rows: readonly RunsTableRow[]): RunsTableRow[] {
  return sortRows(rows, 'createdAt', 'desc').slice(0, RUNS_PER_PAGE);
}
