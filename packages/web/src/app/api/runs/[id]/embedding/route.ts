import { readRun } from '@fashion-lab/run/node';
import { cachedEmbedding, cachedExplain } from '../../../../../lib/explanation-cache';
import { resolveRunDir } from '../../../../../lib/run-path';
import { runsDir } from '../../../../../lib/run-data';
import { testSet } from '../../../../../lib/test-set';

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * GET /api/runs/<id>/embedding: the map of the test set, `points` and `predicted` base64 as
 * embedding.json has them, plus the test labels (base64) from the dataset. With `?index=<i>`:
 * that test image's heatmaps from explain.json instead, `{heatmaps: {<class>: base64}}`.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const dir = await resolveRunDir(runsDir(), id);
  if (dir === undefined) return json({ error: `No run ${id}.` }, 404);
  try {
    const index = new URL(request.url).searchParams.get('index');
    if (index !== null) {
      const explain = await cachedExplain(dir);
      const heatmaps = Object.fromEntries(
        (explain?.heatmaps ?? [])
          .filter((heatmap) => heatmap.index === Number(index))
          .sort((a, b) => (a.method === 'grad-cam' ? 1 : 0) - (b.method === 'grad-cam' ? 1 : 0))
          .map((heatmap) => [heatmap.class, heatmap.pixels]),
      );
      return json({ heatmaps });
    }
    const embedding = await cachedEmbedding(dir);
    if (embedding === undefined) {
      return json(
        { error: `Run ${id} has no embedding.json: npx nx run cli:explain -- ${id}` },
        404,
      );
    }
    const run = await readRun(dir);
    const { labels } = await testSet(run.config.dataset);
    return json({
      n: embedding.n,
      points: embedding.points,
      predicted: embedding.predicted ?? null,
      labels: Buffer.from(labels).toString('base64'),
    });
  } catch (error) {
    return json({ error: error instanceof Error ? error.message : String(error) }, 500);
  }
}
