import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchEvent, EpochEvent, RunStartEvent } from '../events.js';
import { testConfig, testEvaluation } from '../testing/run-fixtures.js';
import { reproduceCommand } from '../reproduce-command.js';
import { readModelArtifacts } from './model-files.js';
import { fakeCheckpoint } from '../testing/checkpoint-fixture.js';
import { RunDirectoryReporter } from './run-directory-reporter.js';
import { readCheckpoint, readEvaluation, readMetrics, readRun } from './run-readers.js';

let runsDir: string;
beforeEach(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'fashion-lab-reporter-'));
});
afterEach(async () => {
  await rm(runsDir, { recursive: true, force: true });
});

/** A clock the test moves by hand. */
function fakeClock(start = Date.parse('2026-11-25T21:04:12.000Z')) {
  let time = start;
  return { now: () => new Date(time), advance: (ms: number) => (time += ms) };
}

const start = (startEpoch = 1): RunStartEvent => ({
  type: 'run-start',
  runId: '20261125-210412-cnn-adam',
  config: testConfig,
  backend: 'wasm',
  params: 100,
  layers: [{ name: 'dense', type: 'Dense', outputShape: [null, 10], params: 100 }],
  trainCount: 90,
  validationCount: 10,
  testCount: 3,
  startEpoch,
  batchesPerEpoch: 3,
});
const batch = (epoch: number, b: number): BatchEvent => ({
  type: 'batch',
  epoch,
  batch: b,
  batches: 3,
  loss: 1 / b,
  acc: 0.5,
  samplesPerSec: 100,
});
const epochLine = (epoch: number): EpochEvent => ({
  type: 'epoch',
  epoch,
  loss: 0.5,
  acc: 0.8,
  valLoss: 0.6,
  valAcc: 0.7,
  lr: 0.001,
  seconds: 2,
});
const summary = { testLoss: 0.4, testAcc: 0.85, bestValAcc: 0.7, bestEpoch: 1, seconds: 2 };

describe('RunDirectoryReporter', () => {
  it('writes the run directory that every reader accepts', async () => {
    const clock = fakeClock();
    const reporter = new RunDirectoryReporter({
      runsDir,
      experiment: 'seed-study-20261125-2104',
      now: clock.now,
      versions: { tfjs: '4.22.0', node: process.version, 'fashion-lab': '0.1.0' },
    });
    await reporter.onRunStart(start());
    const runDir = join(runsDir, '20261125-210412-cnn-adam');
    expect(reporter.runDir).toBe(runDir);
    expect(await readRun(runDir)).toMatchObject({
      status: 'running',
      pid: process.pid,
      experiment: 'seed-study-20261125-2104',
      createdAt: '2026-11-25T21:04:12.000Z',
      command: reproduceCommand(testConfig),
      backend: 'wasm',
      params: 100,
      versions: { tfjs: '4.22.0', node: process.version, 'fashion-lab': '0.1.0' },
    });

    await reporter.onCheckpoint({ type: 'checkpoint', epoch: 0 }, fakeCheckpoint(0));
    await reporter.onBatchEnd(batch(1, 1)); // written: the first
    clock.advance(400);
    await reporter.onBatchEnd(batch(1, 2)); // skipped: within a second
    clock.advance(700);
    await reporter.onBatchEnd(batch(1, 3)); // written
    await reporter.onEpochEnd(epochLine(1));
    await reporter.onCheckpoint({ type: 'checkpoint', epoch: 1 }, fakeCheckpoint(1));
    clock.advance(1000);
    await reporter.onRunEnd(
      { type: 'run-end', status: 'completed', summary },
      { model: fakeCheckpoint(1).model, evaluation: testEvaluation(3) },
    );

    const run = await readRun(runDir);
    expect(run).toMatchObject({
      status: 'completed',
      summary,
      updatedAt: '2026-11-25T21:04:14.100Z',
    });
    expect(run.heartbeatAt).toBe(run.updatedAt);
    expect((await readMetrics(runDir)).lines).toEqual([batch(1, 1), batch(1, 3), epochLine(1)]);
    expect(await readEvaluation(runDir)).toEqual(testEvaluation(3));
    expect((await readCheckpoint(runDir)).state.epoch).toBe(1);
    const model = await readModelArtifacts(join(runDir, 'model'));
    expect([...new Float32Array(model.weightData as ArrayBuffer)]).toEqual([1, 2, 3, 4]);
  });

  it('keeps createdAt and experiment of a resumed run and drops its old summary', async () => {
    const clock = fakeClock();
    const first = new RunDirectoryReporter({ runsDir, experiment: 'study-x', now: clock.now });
    await first.onRunStart(start());
    await first.onRunEnd({ type: 'run-end', status: 'completed', summary }, {});
    clock.advance(3_600_000);
    const resumed = new RunDirectoryReporter({ runsDir, now: clock.now });
    await resumed.onRunStart({ ...start(2), config: { ...testConfig, epochs: 8 } });
    const run = await readRun(resumed.runDir!);
    expect(run).toMatchObject({
      status: 'running',
      createdAt: '2026-11-25T21:04:12.000Z',
      experiment: 'study-x',
    });
    expect(run.updatedAt).toBe('2026-11-25T22:04:12.000Z');
    expect(run.config.epochs).toBe(8);
    expect(run.command).toContain('--epochs 8');
    expect(run).not.toHaveProperty('summary');
    await resumed.onRunEnd({ type: 'run-end', status: 'interrupted' }, {});
    expect((await readRun(resumed.runDir!)).status).toBe('interrupted');
  });

  it.each([
    [
      'from the run-end event',
      { type: 'run-end', status: 'failed', error: 'boom' } as const,
      'boom',
    ],
    [
      'from onError when run-end has none',
      { type: 'run-end', status: 'failed' } as const,
      'earlier',
    ],
  ])('records a failure with its error %s', async (_, end, error) => {
    const reporter = new RunDirectoryReporter({ runsDir });
    await reporter.onRunStart(start());
    reporter.onError({ type: 'error', message: 'earlier' });
    await reporter.onRunEnd(end, {});
    expect(await readRun(reporter.runDir!)).toMatchObject({ status: 'failed', error });
  });

  it('refreshes the heartbeat while running and never after the end', async () => {
    const clock = fakeClock();
    const reporter = new RunDirectoryReporter({ runsDir, heartbeatMs: 10, now: clock.now });
    await reporter.onRunStart(start());
    clock.advance(5000);
    await waitUntil(
      async () => (await readRun(reporter.runDir!)).heartbeatAt === '2026-11-25T21:04:17.000Z',
    );
    await reporter.onRunEnd({ type: 'run-end', status: 'completed', summary }, {});
    clock.advance(5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const run = await readRun(reporter.runDir!);
    expect(run.status).toBe('completed');
    expect(run.heartbeatAt).toBe('2026-11-25T21:04:17.000Z');
  });

  it('ends a torn last line left by a killed process before appending', async () => {
    const first = new RunDirectoryReporter({ runsDir });
    await first.onRunStart(start());
    await first.onEpochEnd(epochLine(1));
    await appendFile(join(first.runDir!, 'metrics.jsonl'), '{"type":"batch","epo');
    const resumed = new RunDirectoryReporter({ runsDir });
    await resumed.onRunStart(start(2));
    await resumed.onEpochEnd(epochLine(2));
    const metrics = await readMetrics(resumed.runDir!);
    expect(metrics.lines).toEqual([epochLine(1), epochLine(2)]);
    expect(metrics.skipped.map((s) => s.line)).toEqual([2]);
    await resumed.onRunEnd({ type: 'run-end', status: 'completed', summary }, {});
  });

  it('appends rather than rewrites metrics.jsonl', async () => {
    const reporter = new RunDirectoryReporter({ runsDir });
    await reporter.onRunStart(start());
    await reporter.onEpochEnd(epochLine(1));
    await reporter.onEpochEnd(epochLine(2));
    const text = await readFile(join(reporter.runDir!, 'metrics.jsonl'), 'utf8');
    expect(text.split('\n')).toEqual([
      JSON.stringify(epochLine(1)),
      JSON.stringify(epochLine(2)),
      '',
    ]);
    await reporter.onRunEnd({ type: 'run-end', status: 'interrupted' }, {});
  });

  it('refuses events before run-start', async () => {
    await expect(new RunDirectoryReporter({ runsDir }).onEpochEnd(epochLine(1))).rejects.toThrow(
      'onRunStart must come first',
    );
  });
});

async function waitUntil(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never became true');
}
