/**
 * Runs once as the server starts: begins summarising every run in the background, so that the
 * first visit to the runs list of a big runs directory finds most of them read already.
 */
export async function register(): Promise<void> {
  // Not in the edge runtime (no file system), nor in the build's page-generation workers.
  if (process.env['NEXT_RUNTIME'] !== 'nodejs') return;
  if (process.env['NEXT_PHASE'] === 'phase-production-build') return;
  const { loadRunsTable } = await import('./lib/run-data');
  // Not awaited: the server answers meanwhile, and a request waits only for the runs it needs.
  // A failure here is the list's to report when it is asked for.
  loadRunsTable().catch(() => undefined);
}
