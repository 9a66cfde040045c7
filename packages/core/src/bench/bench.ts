/**
 * `nx run core:bench`: per backend available, per model and per worker count, training samples/s
 * (batch 128, the training loop's own step), inference samples/s (batch 1000), the epoch time that
 * implies for 54,000 training + 6,000 validation images, and peak RSS. Each measurement runs in a
 * fresh child process, so its peak RSS is its own (worker threads included). Prints numbers;
 * asserts nothing.
 * Options: --models dense,cnn --backends wasm,cpu --batches N (training batches per model)
 * --workers 1,2 (data-parallel replicas; default 1, or 1,2 with --compare)
 * --compare (also run the PyTorch reference in bench/reference/ on the same images, when python
 * can import torch, and print ours vs PyTorch) --python EXE (default python3, else /usr/bin/python3) --threads N (PyTorch
 * threads, default 2) --profile (instead: where one in-process training step's time goes, kernel
 * by kernel, per backend and model, and the share of the matrix products; --batches sets the profiled
 * steps) --products ours,xnnpack (the WASM matrix products to measure with: our GEMM, the default,
 * and/or tfjs's XNNPACK alone, the before of issue 17; each a row) --gemm (instead: per
 * product shape of each model's training step, GMAC/s of our GEMM and of XNNPACK on that shape,
 * interleaved in one process, and our share of a measured per-core WASM SIMD peak).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '@fashion-lab/data/node';
import type { Batch, ImageSet } from '@fashion-lab/data';
import type { BackendName, ModelName } from '@fashion-lab/run';
import { MODEL_NAMES } from '@fashion-lab/run';
import { PRODUCTS_VARIABLE, selectBackend } from '../node/backend.js';
import { trainsInOneThread } from '../node/worker-count.js';
import { workerPoolTrainStep } from '../node/worker-pool-train-step.js';
import { BackendUnavailableError } from '../backend/backend-unavailable-error.js';
import { profileTrainStep, type StepProfile } from './profile-step.js';
import { alternateSteps, recordStepProducts, ROUNDS, shapeLabel, timeShape } from './gemm-bench.js';
import {
  createWasmSimdProducts,
  measurePeakMultiplyAdds,
  oursWins,
} from '@fashion-lab/tfjs-wasm-training';
import {
  cyclingSlices,
  IMAGES_USED,
  INFERENCE_BATCH,
  measureModel,
  TRAIN_BATCH,
  type ModelMeasurement,
} from './measure-model.js';

const TRAIN_IMAGES = 54_000;
const VALIDATION_IMAGES = 6_000;
const BACKENDS: BackendName[] = ['node', 'wasm', 'cpu'];
/** The WASM matrix products a measurement can use: our GEMM, or tfjs's XNNPACK alone. */
const PRODUCTS = ['ours', 'xnnpack'] as const;
type ProductsName = (typeof PRODUCTS)[number];
/** Training batches timed per model (after 10 warm-up batches): a few seconds each on WASM. */
const DEFAULT_BATCHES: Record<ModelName, number> = {
  dense: 200,
  cnn: 40,
  'cnn-regularized': 40,
  'cnn-strong': 20,
};
/** The PyTorch reference, two levels up from both src/bench/ and dist/bench/. */
const TORCH_REFERENCE = fileURLToPath(
  new URL('../../bench/reference/torch_reference.py', import.meta.url),
);

/**
 * Pythons tried for the reference without --python: the one on PATH, then the system's, where
 * Debian's python3-torch lives (a pyenv or venv python3 earlier on PATH does not see it).
 */
const DEFAULT_PYTHONS = ['python3', '/usr/bin/python3'];

interface ChildResult extends ModelMeasurement {
  backend: BackendName;
  model: ModelName;
  workers: number;
  products: ProductsName;
  peakRssMb: number;
  dataSource: string;
}

type ChildOutcome =
  | ChildResult
  | { backend: BackendName; model: ModelName; workers: number; unavailable: string };

interface TorchResult {
  model: ModelName;
  trainSamplesPerSec: number;
  inferenceSamplesPerSec: number;
  threads: number;
  torch: string;
}

/**
 * Runs `command` (stderr passes through, for progress lines) and parses the JSON line its stdout
 * ends with: how the bench's own children and the PyTorch reference report a measurement.
 */
function lastJsonLine<T>(command: string, args: string[], products?: ProductsName): T {
  const output = execFileSync(command, args, {
    encoding: 'utf8',
    env: products === undefined ? process.env : { ...process.env, [PRODUCTS_VARIABLE]: products },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as T;
}

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
  workers: number,
): Promise<ChildOutcome> {
  try {
    await selectBackend(backend);
  } catch (error) {
    if (error instanceof BackendUnavailableError)
      return { backend, model, workers, unavailable: error.reason };
    throw error;
  }
  const { images, source } = await trainingImages();
  const measurement = await measureModel({
    model,
    images,
    // The pure-JS backend trains dense ~20x slower: a tenth of the batches keeps its row short.
    trainBatches: backend === 'cpu' ? Math.ceil(batches / 10) : batches,
    train: trainsOn(backend, model),
    workers,
    createTrainStep: workerPoolTrainStep(backend),
  });
  return {
    backend,
    model,
    workers,
    products: process.env[PRODUCTS_VARIABLE] === 'xnnpack' ? 'xnnpack' : 'ours',
    ...measurement,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    dataSource: source,
  };
}

async function profileChild(
  backend: BackendName,
  model: ModelName,
  steps: number,
): Promise<StepProfile | { unavailable: string }> {
  try {
    await selectBackend(backend);
  } catch (error) {
    if (error instanceof BackendUnavailableError) return { unavailable: error.reason };
    throw error;
  }
  const slice = cyclingSlices((await trainingImages()).images);
  return profileTrainStep(
    model,
    (index) => ({ ...slice(index, TRAIN_BATCH), size: TRAIN_BATCH }),
    steps,
  );
}

/** The kernels that are matrix products (the convolutions with their im2col or col2im). */
const PRODUCT_KERNELS = new Set([
  'Conv2D',
  'FusedConv2D',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'BatchMatMul',
  '_FusedMatMul',
]);

/**
 * Kernel tables, one per trainable (backend, model, products): the kernels taking 98% of the
 * step, and the step split into matrix products and everything else.
 */
function printProfiles(
  backends: BackendName[],
  models: ModelName[],
  productsList: ProductsName[],
  batchesFor: (model: ModelName) => number,
): void {
  const script = fileURLToPath(import.meta.url);
  for (const backend of backends) {
    for (const model of models.filter((name) => trainsOn(backend, name))) {
      for (const products of backend === 'wasm' ? productsList : [undefined]) {
        const label = products === undefined ? '' : ` with ${products} products`;
        process.stderr.write(`profiling ${model} on ${backend}${label}...\n`);
        const profile = lastJsonLine<StepProfile | { unavailable: string }>(
          process.execPath,
          [script, '--profile-child', backend, model, String(batchesFor(model))],
          products,
        );
        if ('unavailable' in profile) {
          console.log(`note: ${backend}: not available; skipped.`);
          break;
        }
        printProfile(`${backend} ${model}${label}`, profile);
      }
    }
  }
}

function printProfile(title: string, profile: StepProfile): void {
  const kernelMs = profile.kernels.reduce((sum, kernel) => sum + kernel.msPerStep, 0);
  const productMs = profile.kernels
    .filter((kernel) => PRODUCT_KERNELS.has(kernel.kernel))
    .reduce((sum, kernel) => sum + kernel.msPerStep, 0);
  const share = (ms: number): string => `${format((100 * ms) / profile.stepMs, 0)}%`;
  console.log(
    `\n${title}: ${format(profile.stepMs, 1)} ms a step of ${TRAIN_BATCH}, ` +
      `${format(kernelMs, 1)} ms in kernels; matrix products ${format(productMs, 1)} ms ` +
      `(${share(productMs)}), everything else ${format(profile.stepMs - productMs, 1)} ms ` +
      `(${share(profile.stepMs - productMs)}: other kernels ${format(kernelMs - productMs, 1)} ms, ` +
      `between kernels ${format(profile.stepMs - kernelMs, 1)} ms)`,
  );
  let shown = 0;
  const rows: string[][] = [];
  for (const kernel of profile.kernels) {
    if (shown >= 0.98 * kernelMs) break;
    shown += kernel.msPerStep;
    rows.push([
      kernel.kernel,
      format(kernel.msPerStep, 2),
      share(kernel.msPerStep),
      format(kernel.callsPerStep, 0),
    ]);
  }
  printTable(['kernel', 'ms/step', 'of step', 'calls/step'], rows, 1);
  const wrappers = profile.wrappers
    .map(
      (time) =>
        `${time.kernel} ${format(time.msPerStep, 2)} ms (${format(time.callsPerStep, 0)} calls)`,
    )
    .join(', ');
  if (wrappers !== '')
    console.log(`note: custom-gradient forward passes, their kernels counted above: ${wrappers}.`);
}

/**
 * Runs the PyTorch reference on the bench's own images (written to a temp dir as raw bytes);
 * returns why it was skipped instead when python or torch is missing.
 */
async function torchReference(
  models: ModelName[],
  batches: (model: ModelName) => number,
  pythons: string[],
  threads: number,
): Promise<TorchResult[] | string> {
  const python = pythons.find(
    (candidate) =>
      spawnSync(candidate, ['-c', 'import torch, numpy'], { encoding: 'utf8' }).status === 0,
  );
  if (python === undefined) {
    return `${pythons.join(' and ')} cannot import torch and numpy (Debian: apt-get install python3-torch; or pass --python EXE)`;
  }
  const { images } = await trainingImages();
  const count = Math.min(images.count, IMAGES_USED);
  const dir = mkdtempSync(join(tmpdir(), 'fashion-lab-bench-'));
  try {
    writeFileSync(join(dir, 'images.u8'), images.images.subarray(0, count * 784));
    writeFileSync(join(dir, 'labels.u8'), images.labels.subarray(0, count));
    const results: TorchResult[] = [];
    for (const model of models) {
      process.stderr.write(`measuring ${model} on PyTorch (${threads} threads)...\n`);
      results.push(
        lastJsonLine<TorchResult>(python, [
          TORCH_REFERENCE,
          ...['--images', join(dir, 'images.u8'), '--labels', join(dir, 'labels.u8')],
          ...['--count', String(count), '--models', model, '--batches', String(batches(model))],
          ...['--batch-size', String(TRAIN_BATCH), '--threads', String(threads)],
        ]),
      );
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function list<T extends string>(
  name: string,
  all: readonly T[],
  fallback: readonly T[] = all,
): T[] {
  const value = option(name);
  if (value === undefined) return [...fallback];
  const chosen = value.split(',') as T[];
  const unknown = chosen.filter((item) => !all.includes(item));
  if (unknown.length > 0)
    throw new Error(`--${name}: unknown ${unknown.join(', ')} (choose from ${all.join(', ')})`);
  return chosen;
}

function positiveIntegers(name: string, fallback: number[]): number[] {
  const value = option(name);
  if (value === undefined) return fallback;
  const numbers = value.split(',').map(Number);
  if (!numbers.every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`--${name}: expected positive integers separated by commas, got ${value}`);
  }
  return numbers;
}

function format(value: number | undefined, digits = 0): string {
  return value === undefined
    ? '-'
    : value.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      });
}

function printTable(header: string[], rows: string[][], leftColumns: number): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column < leftColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const childIndex = process.argv.indexOf('--child');
  if (childIndex >= 0) {
    const [backend, model, batches, workers] = process.argv.slice(childIndex + 1) as [
      BackendName,
      ModelName,
      string,
      string,
    ];
    const outcome = await child(backend, model, Number(batches), Number(workers));
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    return;
  }
  const profileIndex = process.argv.indexOf('--profile-child');
  if (profileIndex >= 0) {
    const [backend, model, steps] = process.argv.slice(profileIndex + 1) as [
      BackendName,
      ModelName,
      string,
    ];
    process.stdout.write(`${JSON.stringify(await profileChild(backend, model, Number(steps)))}\n`);
    return;
  }
  const compare = process.argv.includes('--compare');
  const models = list('models', MODEL_NAMES);
  const backends = list('backends', BACKENDS);
  const workerCounts = positiveIntegers('workers', compare ? [1, 2] : [1]);
  const productsList = list('products', PRODUCTS, ['ours']);
  const batchesOption = positiveIntegers('batches', [])[0];
  const batchesFor = (model: ModelName): number => batchesOption ?? DEFAULT_BATCHES[model];
  if (process.argv.includes('--gemm')) {
    await printGemmBench(models);
    return;
  }
  if (process.argv.includes('--profile')) {
    printProfiles(backends, models, productsList, batchesFor);
    return;
  }
  const script = fileURLToPath(import.meta.url);
  const rows: string[][] = [];
  const results: ChildResult[] = [];
  const notes = new Set<string>();
  for (const backend of backends) {
    backendLoop: for (const model of models) {
      for (const workers of workerCounts) {
        // Worker threads split the training step; inference-only cpu rows need one measurement,
        // and tfjs-node trains in one thread (its addon is not safe in worker threads).
        if (workers > 1 && (!trainsOn(backend, model) || trainsInOneThread(backend))) continue;
        for (const products of backend === 'wasm' ? productsList : ['ours' as const]) {
          process.stderr.write(
            `measuring ${model} on ${backend} with ${workers} worker(s), ${products} products...\n`,
          );
          const outcome = lastJsonLine<ChildOutcome>(
            process.execPath,
            [script, ...['--child', backend, model, String(batchesFor(model)), String(workers)]],
            products,
          );
          if ('unavailable' in outcome) {
            notes.add(
              `${backend}: not available (${outcome.unavailable.split('(')[0]?.trim()}); skipped.`,
            );
            break backendLoop;
          }
          if (!trainsOn(backend, model)) {
            notes.add(
              'cpu: CNN training not measured: the pure-JS backend trains a CNN at ~2 samples/s (hours an epoch).',
            );
          }
          notes.add(`data: ${outcome.dataSource} training images.`);
          results.push(outcome);
          const epochSeconds =
            outcome.trainSamplesPerSec === undefined
              ? undefined
              : TRAIN_IMAGES / outcome.trainSamplesPerSec +
                VALIDATION_IMAGES / outcome.inferenceSamplesPerSec;
          rows.push([
            backend,
            model,
            String(workers),
            backend === 'wasm' ? products : '-',
            format(outcome.trainSamplesPerSec),
            format(epochSeconds),
            format(outcome.inferenceSamplesPerSec),
            format(outcome.peakRssMb),
          ]);
        }
      }
    }
  }
  printTable(
    [
      'backend',
      'model',
      'workers',
      'products',
      `train samples/s (batch ${TRAIN_BATCH})`,
      'epoch s (54k + 6k val)',
      `inference samples/s (batch ${INFERENCE_BATCH})`,
      'peak RSS MB',
    ],
    rows,
    3,
  );
  for (const note of notes) console.log(`note: ${note}`);
  if (compare) await printComparison(models, results, workerCounts, productsList, batchesFor);
}

/** Pairs of steps (ours, XNNPACK) timed per model by --gemm. */
const STEP_PAIRS: Record<ModelName, number> = {
  dense: 40,
  cnn: 10,
  'cnn-regularized': 10,
  'cnn-strong': 6,
};

/** "low-high" of `values` (one measurement per round). */
function range(values: number[], digits: number, suffix = ''): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return `${format(low, digits)}-${format(high, digits)}${suffix}`;
}

/**
 * Per model, the products of one training step (batch 128) timed with our GEMM and with XNNPACK
 * on the same shape in this process, and ours as a share of the peak probe run in the same round.
 */
async function printGemmBench(models: ModelName[]): Promise<void> {
  await selectBackend('wasm');
  const slice = cyclingSlices((await trainingImages()).images);
  const batchOf = (index: number): Batch => ({ ...slice(index, TRAIN_BATCH), size: TRAIN_BATCH });
  const ours = createWasmSimdProducts();
  const peak = measurePeakMultiplyAdds() ?? 0;
  console.log(
    `WASM SIMD peak probe (12 chains of f32x4 multiply-adds, one core): ${format(peak / 1e9, 1)} GMAC/s`,
  );
  for (const model of models) {
    process.stderr.write(`recording the products of one ${model} step...\n`);
    const products = await recordStepProducts(model, batchOf);
    const rows: string[][] = [];
    for (const { shape, callsPerStep } of products) {
      process.stderr.write(`timing ${model} ${shapeLabel(shape)}...\n`);
      const timing = timeShape(shape, ours);
      const ratios = timing.ours.map((value, i) => value / timing.xnnpack[i]!);
      const shares = timing.ours.map((value, i) => (100 * value) / timing.peak[i]!);
      rows.push([
        `${shapeLabel(shape)}${shape.convolution ? ' (Conv2D im2col)' : ''}`,
        oursWins(shape) ? 'ours' : 'XNNPACK',
        format(callsPerStep),
        range(timing.ours, 1),
        range(timing.xnnpack, 1),
        range(ratios, 2, 'x'),
        range(shares, 0, '%'),
        range(timing.peak, 1),
      ]);
    }
    console.log(`\n${model}: the products of one training step (batch ${TRAIN_BATCH})`);
    printTable(
      [
        'product',
        'trains with',
        'calls/step',
        'ours GMAC/s',
        'XNNPACK GMAC/s',
        'ours/XNNPACK',
        'ours of peak',
        'peak',
      ],
      rows,
      2,
    );
  }
  const stepRows: string[][] = [];
  for (const model of models) {
    process.stderr.write(`training ${model} step by step, ours and XNNPACK in turn...\n`);
    const pairs = await alternateSteps(model, batchOf, STEP_PAIRS[model]);
    const ratios = pairs.ours.map((value, i) => value / pairs.xnnpack[i]!);
    const median = (values: number[]): number =>
      [...values].sort((a, b) => a - b)[values.length >> 1]!;
    stepRows.push([
      model,
      range(pairs.ours, 0),
      range(pairs.xnnpack, 0),
      range(ratios, 2, 'x'),
      `${format(median(ratios), 2)}x`,
    ]);
  }
  console.log(
    `\nWhole training steps (batch ${TRAIN_BATCH}, one thread), ours and XNNPACK step by step in turn`,
  );
  printTable(
    ['model', 'ours samples/s', 'XNNPACK samples/s', 'ours/XNNPACK', 'median'],
    stepRows,
    1,
  );
  console.log(
    `note: ranges over ${ROUNDS} rounds of ours and XNNPACK call by call in turn; 'trains with' is the default choice (oursWins); XNNPACK is tfjs's stock BatchMatMul (transposed operands transposed first, as before our GEMM), a fresh B every call as in training.`,
  );
}

/** Ours (best backend per model, each worker count) against PyTorch, with the ratios. */
async function printComparison(
  models: ModelName[],
  results: ChildResult[],
  workerCounts: number[],
  productsList: ProductsName[],
  batchesFor: (model: ModelName) => number,
): Promise<void> {
  const python = option('python');
  const threads = positiveIntegers('threads', [2])[0]!;
  const torch = await torchReference(
    models,
    batchesFor,
    python === undefined ? DEFAULT_PYTHONS : [python],
    threads,
  );
  console.log('');
  if (typeof torch === 'string') {
    console.log(`note: PyTorch reference skipped: ${torch}.`);
    return;
  }
  const best = (
    model: ModelName,
    workers: number,
    products: ProductsName,
  ): ChildResult | undefined =>
    results
      .filter((r) => r.model === model && r.workers === workers && r.products === products)
      .sort((a, b) => (b.trainSamplesPerSec ?? 0) - (a.trainSamplesPerSec ?? 0))[0];
  // The products only matter on wasm; rows of other backends count as 'ours'.
  const rows = models.flatMap((model) =>
    productsList.map((products) => {
      const reference = torch.find((result) => result.model === model);
      const ours = workerCounts.map(
        (workers) => best(model, workers, products)?.trainSamplesPerSec,
      );
      const fastest = Math.max(...ours.map((value) => value ?? 0));
      const inference = Math.max(
        ...results
          .filter((r) => r.model === model && r.products === products)
          .map((r) => r.inferenceSamplesPerSec),
      );
      return [
        model,
        products,
        ...ours.map((value) => format(value)),
        format(reference?.trainSamplesPerSec),
        reference ? `${format(fastest / reference.trainSamplesPerSec, 2)}x` : '-',
        format(inference),
        format(reference?.inferenceSamplesPerSec),
        reference ? `${format(inference / reference.inferenceSamplesPerSec, 2)}x` : '-',
      ];
    }),
  );
  printTable(
    [
      'model',
      'products',
      ...workerCounts.map((workers) => `ours train, ${workers} worker${workers > 1 ? 's' : ''}`),
      `PyTorch train (${threads} threads)`,
      'best ours / PyTorch',
      'ours inference',
      'PyTorch inference',
      'ratio',
    ],
    rows,
    2,
  );
  const version = torch[0]?.torch;
  if (version !== undefined)
    console.log(`note: PyTorch ${version}, samples/s, batch ${TRAIN_BATCH}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
