import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeIdx } from '@fashion-lab/data';
import {
  encodeBase64,
  encodePoints,
  type Embedding,
  type MetricsLine,
  type ModelArtifacts,
  type RunJson,
  type TrainConfig,
} from '@fashion-lab/run';
import {
  fixtureEvaluation,
  testBatchLine,
  testExplain,
  testMetricsLines,
  testRunJson,
  writeFixtureRun,
  type RunJsonFields,
} from '@fashion-lab/run/testing';
import * as tf from '@tensorflow/tfjs';

/** The runs a fixture directory holds, by role, so tests can address them. */
export interface FixtureRuns {
  runsDir: string;
  /** The seed-study runs (completed, evaluated, with a saved model), oldest first. */
  completed: string[];
  running: string;
  stale: string;
  broken: string;
  /** A symlink in runs/ that leads out of it. */
  escape: string;
  /** The completed run with explain.json and embedding.json (the others have neither, but one). */
  explained: string;
  /** A completed run with embedding.json alone, so the compare page can show two maps. */
  mapped: string;
  /** The dataset folder whose test set matches the fixture evaluations (for FASHION_MNIST_DIR). */
  datasetDir: string;
  /** A (true, predicted) pair with samples in every completed run's evaluation. */
  confusedPair: { label: number; predicted: number };
}

const CLASSES = 10;
const TEST_IMAGES = 10_000;
const STUDY = 'seed-study-quick-20261125-1000';
const STUDY_RUNS: [TrainConfig['model'], TrainConfig['optimizer'], number][] = [
  ['dense', 'sgd', 0.01],
  ['dense', 'rmsprop', 0.001],
  ['dense', 'adam', 0.001],
  ['dense', 'nadam', 0.001],
  ['cnn', 'adam', 0.001],
  ['cnn-regularized', 'adam', 0.0005],
];

/** The study run (the plain CNN) that has a map but no heatmaps. */
const MAPPED_RUN = 4;

/** A 28x28 image whose shape depends on its class: class c is a bar at column 2c+5. */
export function syntheticImage(label: number, index: number): Uint8Array {
  const pixels = new Uint8Array(784);
  for (let y = 4; y < 24; y++) {
    for (let x = 0; x < 28; x++) {
      const inBar = Math.abs(x - (2 * label + 5)) <= 2;
      pixels[y * 28 + x] = inBar ? 255 - ((index * 7 + y) % 40) : 0;
    }
  }
  return pixels;
}

/** The predicted class of test image i: every 9th is confused (class c taken for c+1 or c+2). */
function predictedClass(index: number): number {
  const label = index % CLASSES;
  return index % 9 === 0 ? (label + 1 + (index % 2)) % CLASSES : label;
}

function probsFor(predicted: number, confidence: number): number[] {
  const rest = (1 - confidence) / (CLASSES - 1);
  return Array.from({ length: CLASSES }, (_, c) => (c === predicted ? confidence : rest));
}

/** Test image 0 (a T-shirt taken for a trouser) and 5 (a correct sandal), placed apart. */
const ISOLATED_POINTS: Record<number, [number, number]> = { 0: [0, -2], 5: [0, 2] };

/** Map position of test image i: class c's points on a small disc around one of ten centres. */
export function mapPoint(index: number): [number, number] {
  // Two points alone in the empty middle of the ring, so a test can point at exactly them.
  if (index in ISOLATED_POINTS) return ISOLATED_POINTS[index]!;
  const label = index % CLASSES;
  const angle = (label / CLASSES) * 2 * Math.PI;
  // Multiplying by a number coprime to a prime above 10,000 gives every image its own spot.
  const spread = ((index * 7919) % 10_007) / 10_007;
  const turn = ((index * 104_729) % 10_009) / 10_009;
  return [
    10 * Math.cos(angle) + spread * Math.cos(turn * 2 * Math.PI),
    10 * Math.sin(angle) + spread * Math.sin(turn * 2 * Math.PI),
  ];
}

/** An embedding.json of the 10,000 test images in ten class clusters, with their predictions. */
function clusteredEmbedding(): Embedding {
  const xy = Float32Array.from({ length: 2 * TEST_IMAGES }, (_, i) => mapPoint(i >> 1)[i % 2]!);
  return {
    method: 'umap',
    seed: 42,
    layer: 'dense_1',
    width: 128,
    n: TEST_IMAGES,
    nNeighbors: 15,
    minDist: 0.1,
    points: encodePoints(xy),
    predicted: encodeBase64(Uint8Array.from({ length: TEST_IMAGES }, (_, i) => predictedClass(i))),
  };
}

/**
 * A dataset folder whose test set is the fixture's (image i: syntheticImage(i % 10, i)), so the
 * map's sprites and labels agree with the evaluations. The training files are one blank image.
 */
async function writeFixtureDataset(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const testPixels = new Uint8Array(TEST_IMAGES * 784);
  for (let i = 0; i < TEST_IMAGES; i++) testPixels.set(syntheticImage(i % CLASSES, i), i * 784);
  const files: [string, Uint8Array][] = [
    ['train-images-idx3-ubyte', encodeIdx([1, 28, 28], new Uint8Array(784))],
    ['train-labels-idx1-ubyte', encodeIdx([1], [0])],
    ['t10k-images-idx3-ubyte', encodeIdx([TEST_IMAGES, 28, 28], testPixels)],
    [
      't10k-labels-idx1-ubyte',
      encodeIdx(
        [TEST_IMAGES],
        Array.from({ length: TEST_IMAGES }, (_, i) => i % CLASSES),
      ),
    ],
  ];
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
}

/** An evaluation.json computed from `predictedClass`: confusion, per-class metrics, samples. */
function studyEvaluation(seed: number) {
  const labels = Array.from({ length: TEST_IMAGES }, (_, i) => i % CLASSES);
  return fixtureEvaluation({
    labels,
    predicted: labels.map((_, i) => predictedClass(i)),
    testLoss: 0.3 + seed * 0.01,
    sample: ({ index, label, predicted, rank }) => ({
      probs: probsFor(predicted, 0.95 - rank * 0.03 - seed * 0.001),
      pixels: syntheticImage(label, index),
    }),
  });
}

/** A tiny real tfjs layers model (flatten + softmax dense), saved to memory for model/. */
async function tinyModel(seed: number): Promise<ModelArtifacts> {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({
        units: CLASSES,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
    ],
  });
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  if (artifacts === undefined) throw new Error('tfjs did not hand over the model artifacts');
  return artifacts;
}

/** What tells the fixture's runs apart in their config. */
type RunFields = Pick<TrainConfig, 'model' | 'optimizer' | 'learningRate' | 'epochs'>;

/** A run.json of the fixture: a dense-sized model trained on cpu; `extra` replaces fields. */
function runJson(runId: string, fields: RunFields, extra: RunJsonFields = {}): RunJson {
  const { model, optimizer, learningRate, epochs } = fields;
  return testRunJson({
    runId,
    status: 'completed',
    pid: 1,
    heartbeatAt: '2026-11-25T10:05:00.000Z',
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:05:00.000Z',
    config: {
      ...fields,
      batchSize: 64,
      validationSplit: 0.1,
      limit: 2000,
      seed: 42,
      augment: 'off',
      workers: 1,
      backend: 'cpu',
      dataset: 'fashion-mnist',
    },
    backend: 'cpu',
    params: 7850,
    layers: [
      { name: 'flatten_1', type: 'Flatten', outputShape: [null, 784], params: 0 },
      { name: 'dense_1', type: 'Dense', outputShape: [null, 10], params: 7850 },
    ],
    versions: { tfjs: '4.22.0' },
    command: `npx nx run cli:train -- --model ${model} --optimizer ${optimizer} --learning-rate ${learningRate} --epochs ${epochs}`,
    summary: undefined,
    ...extra,
  });
}

/** metrics.jsonl: `epochs` epoch lines with two batch lines (mid-epoch, last) before each. */
function metricsLines(epochs: number, offset: number, batches = 10): MetricsLine[] {
  const acc = (epoch: number) => Math.min(0.99, 0.6 + 0.08 * epoch + offset);
  return testMetricsLines(epochs, {
    batches,
    batchLinesAt: [batches / 2, batches],
    batch: (epoch) => ({ loss: 1 / (epoch + 1), acc: 0.6, samplesPerSec: 900 }),
    epoch: (epoch) => ({
      loss: 1 / (epoch + 0.5),
      acc: acc(epoch),
      valLoss: 1 / (epoch + 0.3),
      valAcc: acc(epoch) - 0.02,
      lr: 0.001,
      seconds: 12.5,
    }),
  });
}

/** A run.json for the running run, with a fresh heartbeat from this (live) process. */
export function runningRunJson(runId: string): RunJson {
  const now = new Date().toISOString();
  return runJson(
    runId,
    { model: 'dense', optimizer: 'adam', learningRate: 0.001, epochs: 3 },
    {
      status: 'running',
      pid: process.pid,
      heartbeatAt: now,
      createdAt: '2026-11-25T11:00:00.000Z',
      updatedAt: now,
    },
  );
}

/**
 * Writes a runs directory for the dashboard's tests: a seed study of six evaluated runs with tiny
 * real tfjs models, one running run (this process's pid), one stale, one unreadable, one symlink
 * leading out of runs/, and `extraRuns` more completed runs (metrics only) for a large list.
 */
export async function writeFixtureRuns(
  root: string,
  options: { extraRuns?: number; models?: boolean } = {},
): Promise<FixtureRuns> {
  const runsDir = join(root, 'runs');
  await mkdir(runsDir, { recursive: true });
  await tf.setBackend('cpu');
  const completed: string[] = [];
  for (const [i, [model, optimizer, learningRate]] of STUDY_RUNS.entries()) {
    const runId = `20261125-10${String(i).padStart(2, '0')}00-${model}-${optimizer}`;
    const evaluation = studyEvaluation(i);
    await writeFixtureRun(runsDir, {
      run: runJson(
        runId,
        { model, optimizer, learningRate, epochs: 4 },
        {
          experiment: STUDY,
          createdAt: `2026-11-25T10:${String(i).padStart(2, '0')}:00.000Z`,
          summary: {
            testLoss: evaluation.testLoss,
            testAcc: evaluation.testAcc,
            // One run tells what its test-time flips added (the run page shows it).
            ...(i === 2 ? { testAccWithoutTta: evaluation.testAcc - 0.004 } : {}),
            bestValAcc: Math.min(0.99, 0.6 + 0.32 + i * 0.01) - 0.02,
            bestEpoch: 4,
            seconds: 50,
          },
        },
      ),
      metrics: metricsLines(4, i * 0.01),
      evaluation,
      model: options.models === false ? undefined : await tinyModel(i + 1),
      // The last (cnn-regularized) run is explained, as a default run is.
      ...(i === STUDY_RUNS.length - 1
        ? { explain: testExplain(evaluation, { gradCam: true }), embedding: clusteredEmbedding() }
        : i === MAPPED_RUN
          ? { embedding: clusteredEmbedding() }
          : {}),
    });
    completed.push(runId);
  }

  const running = '20261125-110000-dense-adam-live';
  await writeFixtureRun(runsDir, {
    run: runningRunJson(running),
    metrics: [...metricsLines(1, 0), testBatchLine(2, 2)],
  });

  const stale = '20261125-090000-cnn-adam';
  await writeFixtureRun(runsDir, {
    run: runJson(
      stale,
      { model: 'cnn', optimizer: 'adam', learningRate: 0.001, epochs: 5 },
      {
        status: 'running',
        pid: 2 ** 22 + 17, // above Linux's pid_max default: no such process
        createdAt: '2026-11-25T09:00:00.000Z',
      },
    ),
    metrics: metricsLines(2, 0),
  });

  const broken = '20261125-080000-dense-sgd';
  await writeFixtureRun(runsDir, { run: '{"schemaVersion": 1, "runId": ', runId: broken });

  for (let i = 0; i < (options.extraRuns ?? 0); i++) {
    const runId = `20261001-${String(100000 + i).slice(1)}0-dense-adam-x${i}`;
    await writeFixtureRun(runsDir, {
      run: runJson(
        runId,
        { model: 'dense', optimizer: 'adam', learningRate: 0.001, epochs: 10 },
        {
          summary: { testLoss: 0.4, testAcc: 0.85, bestValAcc: 0.86, bestEpoch: 10, seconds: 120 },
        },
      ),
      metrics: metricsLines(10, (i % 10) * 0.005),
    });
  }

  // Not a run: a folder outside runs/ that a symlink in runs/ leads to.
  const outside = join(root, 'outside');
  await mkdir(join(outside, 'model'), { recursive: true });
  await writeFile(join(outside, 'model', 'model.json'), '{"secret": true}');
  await writeFile(join(outside, 'run.json'), '{"secret": true}');
  const escape = 'escape';
  await symlink(outside, join(runsDir, escape));

  const datasetDir = join(root, 'fashion-mnist');
  await writeFixtureDataset(datasetDir);

  return {
    runsDir,
    completed,
    explained: completed[completed.length - 1]!,
    mapped: completed[MAPPED_RUN]!,
    datasetDir,
    running,
    stale,
    broken,
    escape,
    confusedPair: { label: 0, predicted: 1 },
  };
}
