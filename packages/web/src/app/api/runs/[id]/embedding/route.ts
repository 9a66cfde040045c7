import { readRun } from '@fashion-lab/run/node';
import { cachedEmbedding, cachedExplain } from '../../../../../lib/explanation-cache';
import { resolveRunDir } from '../../../../../lib/run-path';
import { heatmapsByImage } from '../../../../../lib/sample-heatmaps';
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
      // One heatmap per class, by the method the galleries show (Grad-CAM where the run has it).
      const byClass = explain === undefined ? undefined : heatmapsByImage(explain).get(Number(index));
      return json({ heatmaps: Object.fromEntries(byClass ?? []) });
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
