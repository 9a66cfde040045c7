import { readFile } from 'node:fs/promises';
import { resolveRunFile } from '../../../../../../lib/run-path';
import { runsDir } from '../../../../../../lib/run-data';

const CONTENT_TYPES: Record<string, string> = {
  'model.json': 'application/json',
  'weights.bin': 'application/octet-stream',
};

/**
 * GET /api/runs/<id>/model/<file>: the saved model for in-browser inference. Only model.json and
 * weights.bin are served, and only from inside the run's own directory.
 */
export async function GET(
  _request: Request,
  context: { params: Promise<{ id: string; file: string }> },
) {
  const { id, file } = await context.params;
  const path = await resolveRunFile(runsDir(), id, file);
  if (path === undefined) return new Response('Not found', { status: 404 });
  const body = await readFile(path);
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': CONTENT_TYPES[file] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
