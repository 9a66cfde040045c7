import type { RunsTableRow } from './run-row';

/** The sweep a row belongs to, or undefined for a run outside any sweep (and unreadable runs). */
export function rowSweepId(row: RunsTableRow): string | undefined {
  return row.ok ? row.sweep?.sweepId : undefined;
}

/**
 * The rows in the runs list's order, but each sweep's trials together where its first trial
 * stands (in the list's order within), so the table can put one heading above them; runs outside
 * a sweep keep their places. One pass, so grouping thousands of runs stays cheap.
 */
export function groupRowsBySweep(rows: readonly RunsTableRow[]): RunsTableRow[] {
  const groups = new Map<string, RunsTableRow[]>();
  const order: (RunsTableRow | RunsTableRow[])[] = [];
  for (const row of rows) {
    const sweepId = rowSweepId(row);
    if (sweepId === undefined) {
      order.push(row);
      continue;
    }
    let group = groups.get(sweepId);
    if (group === undefined) {
      group = [];
      groups.set(sweepId, group);
      order.push(group);
    }
    group.push(row);
  }
  return order.flatMap((entry) => (Array.isArray(entry) ? entry : [entry]));
}

/** True when `rows[i]` begins a sweep's block on this page: it needs the sweep's heading. */
export function startsSweepGroup(rows: readonly RunsTableRow[], i: number): boolean {
  const sweepId = rowSweepId(rows[i]!);
  return sweepId !== undefined && (i === 0 || rowSweepId(rows[i - 1]!) !== sweepId);
}
