import { loadRunsTable } from '../../../lib/run-data';

/**
 * GET /api/runs: every run's row of the runs list, newest first, for the table to sort and filter
 * in the browser and to poll while a run is running. Rows come from the per-run summary cache.
 */
export async function GET() {
  return Response.json(await loadRunsTable(), { headers: { 'Cache-Control': 'no-store' } });
}
