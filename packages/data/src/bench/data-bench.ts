/**
 * `nx run data:bench`: how fast the dataset loads from its .gz files, how much memory that takes,
 * and how long one augmented batch of 128 costs. Prints numbers; asserts nothing.
 * Load scenarios run in fresh child processes so each peak-memory figure starts from a clean heap.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  augmentBatch,
  batches,
  createRng,
  DEFAULT_AUGMENT,
  shuffledIndices,
  type Batch,
} from '../index.js';
import { DATASET_FILES, loadDataset, locateDataset } from '../node.js';

const LOAD_RUNS = 5;
const BATCH_SIZE = 128;
const BATCH_WARMUP = 200;
const BATCH_RUNS = 2000;

interface LoadSample {
  ms: number;
  /** Growth of the process's peak resident set during the scenario. */
  peakRssMb: number;
  /** Memory outside the JS heap (typed-array backing stores) still held at the end. */
  externalMb: number;
}

type Scenario = 'gunzip' | 'load' | 'load-verify';

const scenarios: Record<Scenario, string> = {
  gunzip: 'plain gunzipSync of the 4 files (floor)',
  load: 'loadDataset: read + gunzip + validate',
  'load-verify': 'loadDataset with verify (+ SHA-256)',
};

const MB = 1024 * 1024;

async function runScenario(scenario: Scenario, dataDir: string): Promise<LoadSample> {
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const externalBefore = process.memoryUsage().external;
  const start = performance.now();
  let keep: unknown;
  if (scenario === 'gunzip') {
    keep = Object.values(DATASET_FILES).map((base) =>
      gunzipSync(readFileSync(join(dataDir, `${base}.gz`))),
    );
  } else {
    keep = await loadDataset({ dataDir, download: false, verify: scenario === 'load-verify' });
  }
  const ms = performance.now() - start;
  const peakRssMb = (process.resourceUsage().maxRSS * 1024 - peakBefore) / MB;
  const externalMb = (process.memoryUsage().external - externalBefore) / MB;
  if (!keep) throw new Error('nothing loaded');
  return { ms, peakRssMb, externalMb };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function timeBatches(label: string, makeBatch: () => void): string[] {
  for (let i = 0; i < BATCH_WARMUP; i++) makeBatch();
  const times: number[] = [];
  for (let i = 0; i < BATCH_RUNS; i++) {
    const start = performance.now();
    makeBatch();
    times.push(performance.now() - start);
  }
  return [label, `${median(times).toFixed(3)} ms`, `p95 ${percentile(times, 0.95).toFixed(3)} ms`];
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dataDirArg = args.indexOf('--data-dir');
  const dataDir =
    dataDirArg >= 0 ? args[dataDirArg + 1] : await locateDataset({ dataset: 'fashion-mnist' });
  if (!dataDir) {
    throw new Error('Fashion-MNIST not found: install dataset-fashion-mnist or pass --data-dir.');
  }
  const childArg = args.indexOf('--child');
  if (childArg >= 0) {
    const sample = await runScenario(args[childArg + 1] as Scenario, dataDir);
    process.stdout.write(`${JSON.stringify(sample)}\n`);
    return;
  }

  console.log(
    `data bench: ${dataDir}, Node ${process.version}, ${LOAD_RUNS} fresh processes each\n`,
  );
  const script = fileURLToPath(import.meta.url);
  const loadRows: string[][] = [['scenario', 'wall (median)', 'min', 'peak RSS +', 'external +']];
  for (const scenario of Object.keys(scenarios) as Scenario[]) {
    const samples: LoadSample[] = [];
    for (let run = 0; run < LOAD_RUNS; run++) {
      const output = execFileSync(
        process.execPath,
        [script, '--child', scenario, '--data-dir', dataDir],
        { encoding: 'utf8' },
      );
      samples.push(JSON.parse(output) as LoadSample);
    }
    const times = samples.map((sample) => sample.ms);
    loadRows.push([
      scenarios[scenario],
      `${median(times).toFixed(0)} ms`,
      `${Math.min(...times).toFixed(0)} ms`,
      `${Math.max(...samples.map((sample) => sample.peakRssMb)).toFixed(0)} MB`,
      `${median(samples.map((sample) => sample.externalMb)).toFixed(0)} MB`,
    ]);
  }
  printTable(loadRows);

  const dataset = await loadDataset({ dataDir, download: false });
  const rng = createRng(1);
  let order = shuffledIndices(dataset.train.count, rng);
  let augmented = batches(dataset.train, {
    batchSize: BATCH_SIZE,
    order,
    augment: DEFAULT_AUGMENT,
    rng,
  });
  let plain = batches(dataset.train, { batchSize: BATCH_SIZE, order });
  const nextOf = (generator: Generator<Batch>, restart: () => Generator<Batch>) => {
    const result = generator.next();
    return result.done ? restart().next().value! : result.value;
  };
  const fixedBatch = plain.next().value!;
  console.log(
    `\nbatches of ${BATCH_SIZE}, median of ${BATCH_RUNS} after ${BATCH_WARMUP} warm-up\n`,
  );
  printTable([
    ['step', 'median', 'tail'],
    timeBatches('augmented batch (gather + normalize + augment)', () => {
      nextOf(augmented, () => {
        order = shuffledIndices(dataset.train.count, rng);
        augmented = batches(dataset.train, {
          batchSize: BATCH_SIZE,
          order,
          augment: DEFAULT_AUGMENT,
          rng,
        });
        return augmented;
      });
    }),
    timeBatches('plain batch (gather + normalize)', () => {
      nextOf(plain, () => {
        plain = batches(dataset.train, { batchSize: BATCH_SIZE, order });
        return plain;
      });
    }),
    timeBatches('augmentBatch alone (in place)', () => augmentBatch(fixedBatch, rng)),
  ]);
}

await main();
