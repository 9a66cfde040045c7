import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  requireCompiledCli,
  runCliProcess,
  startCli,
  writeTinyDataset,
} from './cli-process.test-support.js';

let workDir: string;
let dataDir: string;
let runsDir: string;

/** A small run: 200 of the 300 training images (180 train / 20 validation), 2 epochs. */
const SMALL_RUN = ['--model', 'dense', '--epochs', '2', '--limit', '200'];

const where = (): string[] => ['--data-dir', dataDir, '--runs-dir', runsDir];

async function epochLines(runDir: string): Promise<number[]> {
  const text = await readFile(join(runDir, 'metrics.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { type: string; epoch: number })
    .filter((line) => line.type === 'epoch')
    .map((line) => line.epoch);
}

async function runJson(runDir: string): Promise<{ status: string; config: { epochs: number } }> {
  return JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as {
    status: string;
    config: { epochs: number };
  };
}

beforeAll(async () => {
  requireCompiledCli();
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-cli-e2e-'));
  dataDir = await writeTinyDataset(join(workDir, 'data'));
  runsDir = join(workDir, 'runs');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('fashion-lab train (not a terminal)', () => {
  let runId = '';

  it('prints a start line, one line per epoch and the outcome, and writes the run directory', async () => {
    const result = await runCliProcess(['train', ...SMALL_RUN, ...where()], workDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^run \S+-dense-adam: dense \(\S+ params\), adam lr .* 180 train \/ 20 val \/ 100 test images$/,
    );
    expect(lines.filter((line) => line.startsWith('epoch '))).toEqual([
      expect.stringMatching(
        /^epoch 1\/2 {2}loss \d\.\d{4} {2}acc \d\.\d{4} {2}val_loss \d\.\d{4} {2}val_acc \d\.\d{4} {2}lr \S+ {2}\d+\.\ds/,
      ),
      expect.stringMatching(/^epoch 2\/2 {2}loss /),
    ]);
    expect(lines).toContainEqual(
      expect.stringMatching(/^Test accuracy \d+\.\d\d% · test loss \d\.\d{4} · best epoch [12] /),
    );
    const saved = lines.find((line) => line.startsWith('Saved to '));
    runId = /-?(\d{8}-\d{6}-dense-adam\S*)$/.exec(saved ?? '')?.[1] ?? '';
    expect(runId).not.toBe('');
    const runDir = join(runsDir, runId);
    expect(await runJson(runDir)).toMatchObject({ status: 'completed', config: { epochs: 2 } });
    expect(await epochLines(runDir)).toEqual([1, 2]);
    await expect(stat(join(runDir, 'evaluation.json'))).resolves.toBeTruthy();
    await expect(stat(join(runDir, 'model', 'model.json'))).resolves.toBeTruthy();
  });

  it('prints the raw events as NDJSON with --json', async () => {
    const result = await runCliProcess(['train', ...SMALL_RUN, '--json', ...where()], workDir);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; status?: string });
    expect(events[0]?.type).toBe('run-start');
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed' });
    expect(events.filter((event) => event.type === 'epoch')).toHaveLength(2);
    expect(events.filter((event) => event.type === 'batch').length).toBeGreaterThan(0);
  });

  it('re-evaluates the saved model and predicts a test image and a PNG', async () => {
    const evaluated = await runCliProcess(['evaluate', runId, ...where()], workDir);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/on 100 test images/);
    expect(evaluated.stdout).toMatch(/Test accuracy \d+\.\d\d% · test loss/);
    expect(evaluated.stdout).toMatch(/true \\ pred\s+T-sh/);
    expect(evaluated.stdout).toMatch(/class\s+precision\s+recall\s+f1/);

    const byIndex = await runCliProcess(['predict', runId, '--index', '3', ...where()], workDir);
    expect(byIndex.code).toBe(0);
    expect(byIndex.stdout).toMatch(/on test image 3 \(true class: \S.*\):/);
    expect(byIndex.stdout.trim().split('\n').slice(1)).toEqual([
      expect.stringMatching(/^ {2}1\. .+\d+\.\d%/),
      expect.stringMatching(/^ {2}2\. .+\d+\.\d%/),
      expect.stringMatching(/^ {2}3\. .+\d+\.\d%/),
    ]);

    const png = new PNG({ width: 56, height: 40 });
    png.data.fill(255); // white background, dark band: preprocessing inverts it like the dataset
    for (let y = 10; y < 18; y++)
      for (let x = 8; x < 48; x++) png.data.fill(0, (y * 56 + x) * 4, (y * 56 + x) * 4 + 3);
    const pngFile = join(workDir, 'band.png');
    await writeFile(pngFile, PNG.sync.write(png));
    const byImage = await runCliProcess(
      ['predict', runId, pngFile, '--runs-dir', runsDir, '--json'],
      workDir,
    );
    expect(byImage.code).toBe(0);
    const prediction = JSON.parse(byImage.stdout) as { top: unknown[]; probabilities: number[] };
    expect(prediction.top).toHaveLength(3);
    expect(prediction.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  });

  it('predicts with test-time flips after training on mirrored images, and evaluate agrees', async () => {
    const trained = await runCliProcess(
      ['train', ...SMALL_RUN, '--augment', 'flip', '--json', ...where()],
      workDir,
    );
    expect(trained.code).toBe(0);
    const events = trained.stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            type: string;
            runId?: string;
            config?: { tta?: string };
            summary?: { testLoss: number; testAcc: number };
          },
      );
    const start = events.find((event) => event.type === 'run-start');
    expect(start?.config?.tta).toBe('flip');
    const summary = events.find((event) => event.type === 'run-end')?.summary;
    const evaluated = await runCliProcess(
      ['evaluate', start?.runId ?? '', '--json', ...where()],
      workDir,
    );
    expect(evaluated.code).toBe(0);
    const told = await runCliProcess(['evaluate', start?.runId ?? '', ...where()], workDir);
    expect(told.stdout).toMatch(/on 100 test images, with test-time flips:/);
    // The saved model predicted again the same way: the same loss as at the end of training.
    const again = JSON.parse(evaluated.stdout) as { testLoss: number; testAcc: number };
    expect(again.testAcc).toBe(summary?.testAcc);
    expect(again.testLoss).toBeCloseTo(summary?.testLoss ?? NaN, 5);
  });

  it.each([
    [['train', '--epochs', '-1'], 2, /^error: --epochs must be a positive integer, got -1\n$/],
    [['train', '--model', 'resnet'], 2, /^error: --model must be one of .*got "resnet"\n$/],
    [['train', '--resume', 'no-such-run'], 2, /^error: no run "no-such-run" in .*\n$/],
    [['predict', 'no-such-run', '--index', '1'], 2, /^error: no run "no-such-run"/],
  ])('%j fails with one sentence and exit code %i', async (args, code, message) => {
    const result = await runCliProcess([...args, ...where()], workDir);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('refuses to resume a completed run without a larger --epochs', async () => {
    const result = await runCliProcess(['train', '--resume', runId, ...where()], workDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: run \S+ is already complete after 2 epochs; pass --epochs N/,
    );
  });

  // procfs answers ENOENT to a new folder, which made Node's recursive mkdir spin forever.
  it.runIf(existsSync('/proc/self'))(
    'says in one sentence that a runs dir under /proc cannot hold runs, instead of hanging',
    async () => {
      const args = ['train', ...SMALL_RUN, '--data-dir', dataDir, '--runs-dir', '/proc/fl-runs'];
      const result = await runCliProcess(args, workDir);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        'error: /proc/fl-runs cannot be created: /proc does not take new folders',
      );
    },
  );

  it('names the remedy when the dataset is missing', async () => {
    const result = await runCliProcess(
      ['train', ...SMALL_RUN, '--data-dir', join(workDir, 'empty'), '--runs-dir', runsDir],
      workDir,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: .*--data-dir/);
  });
});

describe('fashion-lab train interrupted with SIGINT', () => {
  it('stops at a batch boundary, prints the resume command, and the resumed run completes', async () => {
    // Small batches make an epoch last long enough to interrupt the run in its middle.
    const args = [
      'train',
      '--model',
      'dense',
      '--epochs',
      '12',
      '--batch-size',
      '4',
      '--limit',
      '200',
    ];
    const run = startCli([...args, ...where()], workDir);
    await run.waitFor(/^epoch 1\/12 /m);
    run.child.kill('SIGINT');
    const stopped = await run.result;
    expect(stopped.code).toBe(130);
    const resume = /Resume with: npx nx run cli:train -- --resume (\S+)/.exec(stopped.stdout);
    expect(resume).not.toBeNull();
    const runId = resume?.[1] ?? '';
    const runDir = join(runsDir, runId);
    expect(await runJson(runDir)).toMatchObject({ status: 'interrupted' });
    const done = await epochLines(runDir);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.length).toBeLessThan(12);

    const resumed = await runCliProcess(['train', '--resume', runId, ...where()], workDir);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`(resumed at epoch ${done.length + 1})`);
    expect(await runJson(runDir)).toMatchObject({ status: 'completed', config: { epochs: 12 } });
    expect(await epochLines(runDir)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});

describe('fashion-lab study --file (not a terminal)', () => {
  it('trains every run of the file under one experiment and prints the comparison', async () => {
    const studyFile = join(workDir, 'tiny-study.json');
    await writeFile(
      studyFile,
      JSON.stringify({
        name: 'tiny-study',
        runs: [
          { model: 'dense', optimizer: 'sgd', learningRate: 0.01, epochs: 1, limit: 200 },
          { model: 'dense', optimizer: 'adam', epochs: 1, limit: 200 },
        ],
      }),
    );
    const result = await runCliProcess(['study', '--file', studyFile, ...where()], workDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^study tiny-study-\d{8}-\d{4}: 2 runs$/);
    expect(lines.filter((line) => /^\[[12]\/2\] epoch 1\/1 /.test(line))).toHaveLength(2);
    expect(lines).toContainEqual(
      expect.stringMatching(/^model\s+optimizer\s+lr\s+best val\s+test acc/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^dense\s+sgd\s+0\.01\s+\d+\.\d\d%\s+\d+\.\d\d%/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^Study tiny-study-\S+: 2 of 2 runs completed/),
    );
  });

  it('rejects a study file with a bad field as a usage error naming the file', async () => {
    const studyFile = join(workDir, 'bad-study.json');
    await writeFile(studyFile, JSON.stringify({ runs: [{ model: 'dense', learningRate: 0 }] }));
    const result = await runCliProcess(['study', '--file', studyFile, ...where()], workDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: .*bad-study\.json.*learningRate/);
  });
});
