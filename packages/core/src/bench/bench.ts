/**
 * `nx run core:bench`: per backend available and per model, training samples/s (batch 128, the
 * training loop's own step), inference samples/s (batch 1000), the epoch time that implies for
 * 54,000 training + 6,000 validation images, and peak RSS. Each measurement runs in a fresh
 * child process, so its peak RSS is its own. Prints numbers; asserts nothing.
 * Options: --models dense,cnn --backends wasm,cpu --batches N (training batches per model).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '@fashion-lab/data/node';
import type { ImageSet } from '@fashion-lab/data';
import type { BackendName, ModelName } from '../config.js';
import { MODEL_NAMES } from '../models/registry.js';
import { selectBackend } from '../node/backend.js';
import { BackendUnavailableError } from '../backend/backend-unavailable-error.js';
import {
  INFERENCE_BATCH,
  measureModel,
  TRAIN_BATCH,
  type ModelMeasurement,
} from './measure-model.js';

const TRAIN_IMAGES = 54_000;
const VALIDATION_IMAGES = 6_000;
const BACKENDS: BackendName[] = ['node', 'wasm', 'cpu'];
/** Training batches timed per model (after 2 warm-up batches): a few seconds each on WASM. */
const DEFAULT_BATCHES: Record<ModelName, number> = { dense: 40, cnn: 12, 'cnn-regularized': 10 };

interface ChildResult extends ModelMeasurement {
  backend: BackendName;
  model: ModelName;
  peakRssMb: number;
  dataSource: string;
}

type ChildOutcome = ChildResult | { backend: BackendName; model: ModelName; unavailable: string };

/** The pure-JS backend's CNN training is hopeless here (Conv2DBackpropFilter ~58 s a batch). */
function trainsOn(backend: BackendName, model: ModelName): boolean {
  return backend !== 'cpu' || model === 'dense';
}

async function trainingImages(): Promise<{ images: ImageSet; source: string }> {
  try {
    const dataset = await loadDataset({ download: false });
    return { images: dataset.train, source: 'real' };
  } catch {
    // Synthetic pixels cost the same to train on; only the note differs.
    const count = 4_096;
    const images = new Uint8Array(count * 784);
    const labels = new Uint8Array(count);
    for (let i = 0; i < images.length; i++) images[i] = (i * 2_654_435_761) >>> 24;
    for (let i = 0; i < count; i++) labels[i] = i % 10;
    return { images: { images, labels, count }, source: 'synthetic (dataset not found)' };
  }
}

async function child(
  backend: BackendName,
  model: ModelName,
  batches: number,
): Promise<ChildOutcome> {
  try {
    await selectBackend(backend);
  } catch (error) {
    if (error instanceof BackendUnavailableError)
      return { backend, model, unavailable: error.reason };
    throw error;
  }
  const { images, source } = await trainingImages();
  const measurement = await measureModel({
    model,
    images,
    trainBatches: batches,
    train: trainsOn(backend, model),
  });
  return {
    backend,
    model,
    ...measurement,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    dataSource: source,
  };
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function list<T extends string>(name: string, all: readonly T[]): T[] {
  const value = option(name);
  if (value === undefined) return [...all];
  const chosen = value.split(',') as T[];
  const unknown = chosen.filter((item) => !all.includes(item));
  if (unknown.length > 0)
    throw new Error(`--${name}: unknown ${unknown.join(', ')} (choose from ${all.join(', ')})`);
  return chosen;
}

function format(value: number | undefined, digits = 0): string {
  return value === undefined
    ? '-'
    : value.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      });
}

async function main(): Promise<void> {
  const childIndex = process.argv.indexOf('--child');
  if (childIndex >= 0) {
    const [backend, model, batches] = process.argv.slice(childIndex + 1) as [
      BackendName,
      ModelName,
      string,
    ];
    process.stdout.write(`${JSON.stringify(await child(backend, model, Number(batches)))}\n`);
    return;
  }
  const models = list('models', MODEL_NAMES);
  const backends = list('backends', BACKENDS);
  const batchesOption = option('batches');
  const script = fileURLToPath(import.meta.url);
  const rows: string[][] = [];
  const notes = new Set<string>();
  for (const backend of backends) {
    for (const model of models) {
      const batches = batchesOption !== undefined ? Number(batchesOption) : DEFAULT_BATCHES[model];
      process.stderr.write(`measuring ${model} on ${backend}...\n`);
      const output = execFileSync(
        process.execPath,
        [script, '--child', backend, model, String(batches)],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const outcome = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as ChildOutcome;
      if ('unavailable' in outcome) {
        notes.add(
          `${backend}: not available (${outcome.unavailable.split('(')[0]?.trim()}); skipped.`,
        );
        break;
      }
      if (!trainsOn(backend, model)) {
        notes.add(
          'cpu: CNN training not measured: the pure-JS backend trains a CNN at ~2 samples/s (hours an epoch).',
        );
      }
      notes.add(`data: ${outcome.dataSource} training images.`);
      const epochSeconds =
        outcome.trainSamplesPerSec === undefined
          ? undefined
          : TRAIN_IMAGES / outcome.trainSamplesPerSec +
            VALIDATION_IMAGES / outcome.inferenceSamplesPerSec;
      rows.push([
        backend,
        model,
        format(outcome.trainSamplesPerSec),
        format(epochSeconds),
        format(outcome.inferenceSamplesPerSec),
        format(outcome.peakRssMb),
      ]);
    }
  }
  const header = [
    'backend',
    'model',
    `train samples/s (batch ${TRAIN_BATCH})`,
    'epoch s (54k + 6k val)',
    `inference samples/s (batch ${INFERENCE_BATCH})`,
    'peak RSS MB',
  ];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const note of notes) console.log(`note: ${note}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
