import { loadSweepView } from '../../../../lib/sweep-data';

/**
 * GET /api/sweeps/<id>: the sweep page's view (trials, statistics, progress) for the page to poll
 * while the sweep runs; 404 for an id that is no sweep directory name, `{ok: false, error}` when
 * its sweep.json is missing or damaged.
 */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const view = await loadSweepView(id);
  if (view === undefined) return new Response('Not found', { status: 404 });
  return Response.json(view, {
    status: view.ok ? 200 : 404,
    headers: { 'Cache-Control': 'no-store' },
  });
}
