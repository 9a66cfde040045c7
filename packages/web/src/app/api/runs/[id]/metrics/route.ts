import { loadMetricsUpdate } from '../../../../../lib/run-data';

/** GET /api/runs/<id>/metrics?from=N: the run's status and its metrics lines from line N on. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const fromParam = new URL(request.url).searchParams.get('from') ?? '0';
  const from = /^\d{1,9}$/.test(fromParam) ? Number(fromParam) : 0;
  const update = await loadMetricsUpdate(id, from);
  if (update === undefined) return new Response('Not found', { status: 404 });
  if ('ok' in update) return Response.json({ error: update.error }, { status: 500 });
  return Response.json(update, { headers: { 'Cache-Control': 'no-store' } });
}
