import {
  MODEL_NAMES,
  MODEL_TABLE,
  OPTIMIZER_NAMES,
  OPTIMIZER_TABLE,
  defaultConfig,
} from '@fashion-lab/run';
import { defaultWorkerCount, MAX_DEFAULT_WORKERS } from '@fashion-lab/core/node';
import { formatLearningRate } from './format.js';

/**
 * The model and optimizer lists that end the overview, `train --help` and `study --help`, read
 * from the run package's tables so they never go out of date.
 */
export function registryLines(): string[] {
  const models = MODEL_NAMES.map((name) => {
    const spec = MODEL_TABLE[name];
    const { optimizer, learningRate, lrSchedule, epochs, batchSize, maxWorkers, augment } =
      spec.defaults;
    const rate = `lr ${formatLearningRate(learningRate)}${lrSchedule === 'cosine' ? ' (cosine)' : ''}`;
    return [
      `  ${name.padEnd(17)}${spec.description}`,
      `  ${''.padEnd(17)}defaults: ${optimizer}, ${rate}, ${epochs} epochs, batch ${batchSize}` +
        (augment !== undefined && augment !== 'off' ? `, --augment ${augment}` : '') +
        (maxWorkers !== undefined ? `, at most ${maxWorkers} worker(s)` : ''),
    ];
  });
  const optimizers = OPTIMIZER_NAMES.map((name) => {
    const spec = OPTIMIZER_TABLE[name];
    return `  ${name.padEnd(17)}${spec.description} (default lr ${formatLearningRate(spec.defaultLearningRate)})`;
  });
  return [
    'Models:',
    ...models.flat(),
    '',
    'Optimizers:',
    ...optimizers,
    '',
    `Default run: ${defaultConfig().model} with ${defaultConfig().optimizer}, ${defaultWorkerCount()} training worker(s) (one per core, at most ${MAX_DEFAULT_WORKERS}, or the model's own limit; one on the node backend, which uses every core itself).`,
  ];
}
