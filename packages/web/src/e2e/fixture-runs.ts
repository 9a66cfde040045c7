import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  /** A (true, predicted) pair with samples in every completed run's evaluation. */
  confusedPair: { label: number; predicted: number };
}

const CLASSES = 10;
const TEST_IMAGES = 10_000;
const STUDY = 'seed-study-quick-20261125-1000';
const STUDY_RUNS: [string, string, number][] = [
  ['dense', 'sgd', 0.01],
  ['dense', 'rmsprop', 0.001],
  ['dense', 'adam', 0.001],
  ['dense', 'nadam', 0.001],
  ['cnn', 'adam', 0.001],
  ['cnn-regularized', 'adam', 0.0005],
];

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(`${path}.tmp`, JSON.stringify(value));
  await rename(`${path}.tmp`, path);
}

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

/** An evaluation.json computed from `predictedClass`: confusion, per-class metrics, samples. */
function fixtureEvaluation(seed: number) {
  const confusion = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0));
  const predictions = new Uint8Array(TEST_IMAGES);
  const samples: object[] = [];
  const kept = new Map<string, number>();
  for (let i = 0; i < TEST_IMAGES; i++) {
    const label = i % CLASSES;
    const predicted = predictedClass(i);
    predictions[i] = predicted;
    confusion[label]![predicted]! += 1;
    const key = `${label}-${predicted}`;
    const count = kept.get(key) ?? 0;
    if (count < 12) {
      kept.set(key, count + 1);
      samples.push({
        index: i,
        label,
        predicted,
        probs: probsFor(predicted, 0.95 - count * 0.03 - seed * 0.001),
        pixels: Buffer.from(syntheticImage(label, i)).toString('base64'),
      });
    }
  }
  const perClass = confusion.map((row, label) => {
    const truePositives = row[label]!;
    const predictedTotal = confusion.reduce((sum, r) => sum + r[label]!, 0);
    const actualTotal = row.reduce((sum, n) => sum + n, 0);
    const precision = predictedTotal === 0 ? 0 : truePositives / predictedTotal;
    const recall = actualTotal === 0 ? 0 : truePositives / actualTotal;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1 };
  });
  const correct = confusion.reduce((sum, row, label) => sum + row[label]!, 0);
  return {
    testLoss: 0.3 + seed * 0.01,
    testAcc: correct / TEST_IMAGES,
    confusion,
    perClass,
    predictions: Buffer.from(predictions).toString('base64'),
    samples,
  };
}

/** Saves a tiny real tfjs layers model (flatten + softmax dense) as model/model.json + weights.bin. */
async function writeTinyModel(modelDir: string, seed: number): Promise<void> {
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
  await mkdir(modelDir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
      await writeFile(join(modelDir, 'weights.bin'), new Uint8Array(weights));
      await writeJson(join(modelDir, 'model.json'), {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      });
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
}

function runJson(
  runId: string,
  fields: { model: string; optimizer: string; learningRate: number; epochs: number },
  extra: Record<string, unknown>,
) {
  const config = {
    model: fields.model,
    optimizer: fields.optimizer,
    learningRate: fields.learningRate,
    epochs: fields.epochs,
    batchSize: 64,
    validationSplit: 0.1,
    limit: 2000,
    seed: 42,
    augment: 'off',
    workers: 1,
    backend: 'cpu',
    dataset: 'fashion-mnist',
  };
  return {
    schemaVersion: 1,
    runId,
    status: 'completed',
    pid: 1,
    heartbeatAt: '2026-11-25T10:05:00.000Z',
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:05:00.000Z',
    config,
    backend: 'cpu',
    params: 7850,
    layers: [
      { name: 'flatten_1', type: 'Flatten', outputShape: [null, 784], params: 0 },
      { name: 'dense_1', type: 'Dense', outputShape: [null, 10], params: 7850 },
    ],
    versions: { tfjs: '4.22.0' },
    command: `npx nx run cli:train -- --model ${fields.model} --optimizer ${fields.optimizer} --learning-rate ${fields.learningRate} --epochs ${fields.epochs}`,
    ...extra,
  };
}

/** metrics.jsonl text: `epochs` epoch lines with batch lines before each. */
function metricsText(epochs: number, offset: number, batches = 10): string {
  const lines: object[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const batch of [batches / 2, batches]) {
      lines.push({
        type: 'batch',
        epoch,
        batch,
        batches,
        loss: 1 / (epoch + 1),
        acc: 0.6,
        samplesPerSec: 900,
      });
    }
    const acc = Math.min(0.99, 0.6 + 0.08 * epoch + offset);
    lines.push({
      type: 'epoch',
      epoch,
      loss: 1 / (epoch + 0.5),
      acc,
      valLoss: 1 / (epoch + 0.3),
      valAcc: acc - 0.02,
      lr: 0.001,
      seconds: 12.5,
    });
  }
  return `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
}

/** One batch line of metrics.jsonl, for a test that appends to the running run. */
export function batchLine(epoch: number, batch: number, batches = 10): string {
  return `${JSON.stringify({ type: 'batch', epoch, batch, batches, loss: 0.5, acc: 0.8, samplesPerSec: 1000 })}\n`;
}

/** A run.json for the running run, with a fresh heartbeat from this (live) process. */
export function runningRunJson(runId: string) {
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
    const dir = join(runsDir, runId);
    await mkdir(dir, { recursive: true });
    const evaluation = fixtureEvaluation(i);
    await writeJson(
      join(dir, 'run.json'),
      runJson(
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
    );
    await writeFile(join(dir, 'metrics.jsonl'), metricsText(4, i * 0.01));
    await writeJson(join(dir, 'evaluation.json'), evaluation);
    if (options.models !== false) await writeTinyModel(join(dir, 'model'), i + 1);
    completed.push(runId);
  }

  const running = '20261125-110000-dense-adam-live';
  await mkdir(join(runsDir, running), { recursive: true });
  await writeJson(join(runsDir, running, 'run.json'), runningRunJson(running));
  await writeFile(join(runsDir, running, 'metrics.jsonl'), metricsText(1, 0) + batchLine(2, 2));

  const stale = '20261125-090000-cnn-adam';
  await mkdir(join(runsDir, stale), { recursive: true });
  await writeJson(
    join(runsDir, stale, 'run.json'),
    runJson(
      stale,
      { model: 'cnn', optimizer: 'adam', learningRate: 0.001, epochs: 5 },
      {
        status: 'running',
        pid: 2 ** 22 + 17, // above Linux's pid_max default: no such process
        createdAt: '2026-11-25T09:00:00.000Z',
      },
    ),
  );
  await writeFile(join(runsDir, stale, 'metrics.jsonl'), metricsText(2, 0));

  const broken = '20261125-080000-dense-sgd';
  await mkdir(join(runsDir, broken), { recursive: true });
  await writeFile(join(runsDir, broken, 'run.json'), '{"schemaVersion": 1, "runId": ');

  for (let i = 0; i < (options.extraRuns ?? 0); i++) {
    const runId = `20261001-${String(100000 + i).slice(1)}0-dense-adam-x${i}`;
    const dir = join(runsDir, runId);
    await mkdir(dir, { recursive: true });
    await writeJson(
      join(dir, 'run.json'),
      runJson(
        runId,
        { model: 'dense', optimizer: 'adam', learningRate: 0.001, epochs: 10 },
        {
          summary: { testLoss: 0.4, testAcc: 0.85, bestValAcc: 0.86, bestEpoch: 10, seconds: 120 },
        },
      ),
    );
    await writeFile(join(dir, 'metrics.jsonl'), metricsText(10, (i % 10) * 0.005));
  }

  const outside = join(root, 'outside');
  await mkdir(join(outside, 'model'), { recursive: true });
  await writeFile(join(outside, 'model', 'model.json'), '{"secret": true}');
  await writeFile(join(outside, 'run.json'), '{"secret": true}');
  const escape = 'escape';
  await symlink(outside, join(runsDir, escape));

  return {
    runsDir,
    completed,
    running,
    stale,
    broken,
    escape,
    confusedPair: { label: 0, predicted: 1 },
  };
}
