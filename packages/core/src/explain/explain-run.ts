import type * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '@fashion-lab/data';
import type { Embedding, Evaluation, Explain } from '@fashion-lab/run';
import { embedTestSet } from './embed-test-set.js';
import { explainSamples } from './explain-samples.js';

/**
 * Both explanation files of a run from its final model: explain.json (heatmaps of the evaluation
 * samples) and embedding.json (the test set's map), seeded with the run's seed. What training
 * writes at its end and `cli explain` writes for a saved run.
 */
export async function explainRun(
  model: tf.LayersModel,
  test: ImageSet,
  evaluation: Evaluation,
  seed: number,
): Promise<{ explain: Explain; embedding: Embedding }> {
  return {
    explain: await explainSamples(model, evaluation, { seed }),
    embedding: await embedTestSet(model, test, { seed, predictions: evaluation.predictions }),
  };
}
