import { connection } from 'next/server';
import { LiveRefresh } from '../components/live-refresh';
import { RunsTable } from '../components/runs-table';
import { loadRunsTable } from '../lib/run-data';

/** The runs list: every run in the runs directory, refreshed while any of them is running. */
export default async function RunsPage() {
  await connection(); // read the runs at request time, never at build time
  const rows = await loadRunsTable();
  const anyRunning = rows.some((row) => row.ok && row.status === 'running');
  return (
    <>
      <h1>Runs</h1>
      <RunsTable rows={rows} />
      <LiveRefresh active={anyRunning} />
    </>
  );
}
