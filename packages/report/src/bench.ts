// `nx run report:bench`: how long a 50-run report takes to build and how big the seed study's is.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedStudyFixture, writeFixtureRuns, type FixtureRun } from './fixtures/fixture-runs.js';
import { generateReport } from './node/generate-report.js';

const MODELS = ['dense', 'cnn', 'cnn-regularized'] as const;
const OPTIMIZERS = ['sgd', 'rmsprop', 'adam', 'nadam'] as const;

/** 50 completed runs of one experiment, 15 epochs each, every one with a full evaluation.json. */
function fiftyRuns(): FixtureRun[] {
  return Array.from({ length: 50 }, (_, index) => ({
    model: MODELS[index % MODELS.length]!,
    optimizer: OPTIMIZERS[index % OPTIMIZERS.length]!,
    learningRate: [0.01, 0.001, 0.0005][index % 3]!,
    epochs: 15,
    finalValAcc: 0.85 + ((index * 37) % 80) / 1000,
    createdAt: new Date(Date.UTC(2026, 10, 25, 8, 0) + index * 600_000).toISOString(),
    seed: index + 1,
    experiment: 'bench-study-20261125-0800',
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const dir = await mkdtemp(join(tmpdir(), 'report-bench-'));
try {
  const manyDir = join(dir, 'fifty');
  await writeFixtureRuns(manyDir, fiftyRuns());
  const times: number[] = [];
  let bytes = 0;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    const report = await generateReport({ runsDir: manyDir, out: join(dir, 'fifty.html') });
    times.push(performance.now() - start);
    bytes = report.bytes;
  }
  const main = fileURLToPath(new URL('./main.js', import.meta.url));
  const cliStart = performance.now();
  const cli = spawnSync(
    process.execPath,
    [main, '--runs-dir', manyDir, '--out', join(dir, 'cli.html')],
    { encoding: 'utf8' },
  );
  const cliMs = performance.now() - cliStart;
  if (cli.status !== 0) throw new Error(`report:build failed: ${cli.stderr}`);

  const seedDir = join(dir, 'seed');
  await writeFixtureRuns(
    seedDir,
    seedStudyFixture('seed-study-20261125-2101', '2026-11-25T21:01:00.000Z', 15),
  );
  const seed = await generateReport({ runsDir: seedDir, out: join(dir, 'seed.html') });
  const seedHtml = await readFile(join(dir, 'seed.html'), 'utf8');
  const datasetFound = !seedHtml.includes('The dataset could not be read');

  const lines = [
    'report:bench',
    `  50-run report, in process:      median ${median(times).toFixed(0)} ms of 3 (min ${Math.min(...times).toFixed(0)} ms), ${(bytes / 1024).toFixed(0)} KiB   target < 2000 ms`,
    `  50-run report, node dist/main.js: ${cliMs.toFixed(0)} ms including Node startup`,
    `  seed-study report (6 runs x 15 epochs): ${(seed.bytes / 1024).toFixed(1)} KiB = ${(seed.bytes / 1024 / 1024).toFixed(3)} MiB   target < 2 MiB`,
    `  dataset sample images: ${datasetFound ? 'included (dataset found and read)' : 'not included (dataset not found)'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
