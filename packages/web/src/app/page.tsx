import { connection } from 'next/server';
import { RunsTable } from '../components/runs-table';
import { firstPage } from '../lib/first-page';
import { loadRunsTable } from '../lib/run-data';
import { loadSweepNames } from '../lib/sweep-data';

/**
 * The runs list: the server draws the newest page of runs; the table then fetches every run's
 * row to sort and filter them all, and keeps fetching while any of them is running. The sweeps'
 * names head the groups when the table groups by sweep.
 */
export default async function RunsPage() {
  await connection(); // read the runs at request time, never at build time
  const [rows, sweepNames] = await Promise.all([loadRunsTable(), loadSweepNames()]);
  return (
    <>
      <h1>Runs</h1>
      <RunsTable firstPage={firstPage(rows)} total={rows.length} sweepNames={sweepNames} />
    </>
  );
}
