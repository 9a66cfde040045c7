import { defaultConfig, type MetricsLine, type RunJson } from '@fashion-lab/run';
import { metricsJsonl, testRunJson, writeFixtureRun } from '@fashion-lab/run/testing';

// The shape of a real default run (cnn-regularized: 22 epochs of 422 batches, about 36 s each, a
// batch line about once a second): 769 batch lines and 22 epoch lines, 791 in all, as measured.
const EPOCHS = 22;
const BATCHES = 422;
const BATCH_LINES = 769;

/** Numbers as training writes them: float32 values printed as float64. */
const float = (value: number) => Math.fround(value);

/** The metrics.jsonl lines of one default run. */
export function defaultRunMetrics(): MetricsLine[] {
  const lines: MetricsLine[] = [];
  let written = 0;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const batchLines = Math.round((BATCH_LINES * epoch) / EPOCHS) - written;
    written += batchLines;
    for (let i = 1; i <= batchLines; i++) {
      const batch = Math.round((BATCHES * i) / batchLines);
      lines.push({
        type: 'batch',
        epoch,
        batch,
        batches: BATCHES,
        loss: float(0.9 / (epoch + i / batchLines)),
        acc: float(0.7 + 0.2 * (1 - 1 / (epoch + i / batchLines))),
        samplesPerSec: float(1500 + ((epoch * 37 + i * 11) % 97)),
      });
    }
    const valAcc = float(0.85 + 0.07 * (1 - 1 / epoch));
    lines.push({
      type: 'epoch',
      epoch,
      loss: float(0.9 / (epoch + 1)),
      acc: float(valAcc + 0.01),
      valLoss: float(0.3 + 0.5 / epoch),
      valAcc,
      lr: float(0.0004 * (1 + Math.cos((Math.PI * (epoch - 1)) / EPOCHS))),
      seconds: float(36 + (epoch % 5) / 7),
    });
  }
  return lines;
}

/** The run.json of copy `index`: its test accuracy varies a little so that sorting has work. */
export function defaultRunJson(runId: string, index: number): RunJson {
  const spread = ((index * 7919) % 1000) / 100_000;
  return testRunJson({
    runId,
    experiment: 'many-runs-20261001-0000',
    config: defaultConfig('cnn-regularized', { backend: 'auto' }),
    backend: 'wasm',
    params: 421_642,
    layers: [
      ['conv2d_1', 'Conv2D', [null, 28, 28, 32], 320],
      ['batch_normalization_1', 'BatchNormalization', [null, 28, 28, 32], 128],
      ['max_pooling2d_1', 'MaxPooling2D', [null, 14, 14, 32], 0],
      ['dropout_1', 'Dropout', [null, 14, 14, 32], 0],
      ['conv2d_2', 'Conv2D', [null, 14, 14, 64], 18_496],
      ['batch_normalization_2', 'BatchNormalization', [null, 14, 14, 64], 256],
      ['max_pooling2d_2', 'MaxPooling2D', [null, 7, 7, 64], 0],
      ['dropout_2', 'Dropout', [null, 7, 7, 64], 0],
      ['flatten_1', 'Flatten', [null, 3136], 0],
      ['dense_1', 'Dense', [null, 128], 401_536],
      ['dropout_3', 'Dropout', [null, 128], 0],
      ['dense_2', 'Dense', [null, 10], 1_290],
    ].map(([name, type, outputShape, params]) => ({
      name: name as string,
      type: type as string,
      outputShape: outputShape as (number | null)[],
      params: params as number,
    })),
    command: 'npx nx run cli:train -- --model cnn-regularized',
    summary: {
      testLoss: 0.218 + spread,
      testAcc: 0.9239 - spread,
      bestValAcc: 0.9281 - spread,
      bestEpoch: 21,
      seconds: 800 + index,
    },
  });
}

/**
 * Writes `count` completed copies of a default run into `runsDir` with the run package's fixture
 * writer, with ids that sort like real ones; returns the ids, newest first as the list shows them.
 * The metrics lines are checked on the first copy; the others get the same text.
 */
export async function writeDefaultRunCopies(runsDir: string, count: number): Promise<string[]> {
  const lines = defaultRunMetrics();
  const text = metricsJsonl(lines);
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const runId = `20261001-${String(index).padStart(6, '0')}-cnn-regularized-adam-c${index}`;
    const run = defaultRunJson(runId, index);
    await writeFixtureRun(runsDir, { run, metrics: index === 0 ? lines : text });
    ids.push(runId);
  }
  return ids.reverse();
}
