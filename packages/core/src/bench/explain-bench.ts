/**
 * `nx run core:bench-explain -- --run RUN_ID [--points 2000,10000] [--runs-dir DIR] [--data-dir DIR]`:
 * times a finished run's explanations on its own backend: the heatmaps of its evaluation samples
 * (explain.json) and the penultimate activations plus UMAP of the first N test images
 * (embedding.json), once per N. Prints numbers; writes nothing into the run.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDataset } from '@fashion-lab/data/node';
import { readEvaluation, readRun, resolveRunsDir } from '@fashion-lab/run/node';
import { embedTestSet } from '../explain/embed-test-set.js';
import { explainSamples } from '../explain/explain-samples.js';
import { selectBackend } from '../node/backend.js';
import { loadRunModel } from '../node/training.js';

const { values } = parseArgs({
  options: {
    run: { type: 'string' },
    points: { type: 'string', default: '10000' },
    'runs-dir': { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
if (values.run === undefined) throw new Error('bench-explain needs --run RUN_ID (a finished run)');
const runsDir = resolveRunsDir(
  values['runs-dir'] !== undefined ? { runsDir: values['runs-dir'] } : {},
);
const runDir = join(runsDir, values.run);
const run = await readRun(runDir);
const backend = await selectBackend(run.config.backend);
const dataset = await loadDataset({
  dataset: run.config.dataset,
  ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
});
const evaluation = await readEvaluation(runDir);
const model = await loadRunModel(runDir);
const explain = await explainSamples(model, evaluation, { seed: run.config.seed });
const methods = new Set(explain.heatmaps.map((heatmap) => heatmap.method));
console.log(
  `${run.runId} (${run.config.model}, ${backend}): ${explain.heatmaps.length} heatmaps (${[...methods].join(', ')}) of ${evaluation.samples.length} samples in ${explain.seconds?.toFixed(1)} s`,
);
for (const text of values.points.split(',')) {
  const count = Math.min(Number(text), dataset.test.count);
  const test = {
    images: dataset.test.images.subarray(0, count * 784),
    labels: dataset.test.labels.subarray(0, count),
    count,
  };
  const embedding = await embedTestSet(model, test, { seed: run.config.seed });
  console.log(
    `  UMAP of ${count} points (${embedding.layer}, ${embedding.width} values): ${embedding.seconds?.toFixed(1)} s`,
  );
}
model.dispose();
