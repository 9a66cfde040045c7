import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchEvent, EpochEvent } from '../events.js';
import { testConfig, testEvaluation, testRunStart } from '../testing/run-fixtures.js';
import { reproduceCommand } from '../reproduce-command.js';
import { readModelArtifacts } from './model-files.js';
import { fakeCheckpoint } from '../testing/checkpoint-fixture.js';
import { claimTrialRun } from './claim-trial-run.js';
import { RunDirectoryReporter } from './run-directory-reporter.js';
import { snapshotDirectory } from './run-directory-snapshot.test-support.js';
import { RUN_LOCK_DIR, RunLockLostError, RunLockedError, acquireRunLock } from './run-lock.js';
import {
  readCheckpoint,
  readEmbedding,
  readEvaluation,
  readExplain,
  readMetrics,
  readRun,
} from './run-readers.js';
import { testEmbedding, testExplain } from '../testing/explanation-fixtures.js';

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

const start = testRunStart;
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

  it('writes explain.json and embedding.json at run end when the result has them', async () => {
    const reporter = new RunDirectoryReporter({ runsDir });
    await reporter.onRunStart(start());
    const explain = testExplain(testEvaluation(3), { gradCam: true });
    await reporter.onRunEnd(
      { type: 'run-end', status: 'completed', summary },
      { evaluation: testEvaluation(3), explain, embedding: testEmbedding(3) },
    );
    expect(await readExplain(reporter.runDir!)).toEqual(explain);
    expect(await readEmbedding(reporter.runDir!)).toEqual(testEmbedding(3));
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

  it('writes a sweep trial into the directory claimed for it, and a resume keeps its sweep', async () => {
    const sweep = { sweepId: 'lr-check-20261125-210412', trial: 2 };
    expect(await claimTrialRun(runsDir, start().runId)).toBe(true);
    const first = new RunDirectoryReporter({ runsDir, sweep });
    await first.onRunStart(start());
    await first.onRunEnd({ type: 'run-end', status: 'interrupted' }, {});
    expect((await readRun(first.runDir!)).sweep).toEqual(sweep);
    const resumed = new RunDirectoryReporter({ runsDir });
    await resumed.onRunStart(start(2));
    await resumed.onRunEnd({ type: 'run-end', status: 'completed', summary }, {});
    expect((await readRun(resumed.runDir!)).sweep).toEqual(sweep);
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

  it('drops a torn last line left by a killed process before appending', async () => {
    const runDir = join(runsDir, start().runId);
    const lock = await acquireRunLock(runDir);
    const first = new RunDirectoryReporter({ runsDir, lock });
    await first.onRunStart(start());
    await first.onEpochEnd(epochLine(1));
    await first.onCheckpoint({ type: 'checkpoint', epoch: 1 }, fakeCheckpoint(1));
    await appendFile(join(runDir, 'metrics.jsonl'), '{"type":"batch","epo');
    await lock.release(); // the process died
    const resumed = new RunDirectoryReporter({ runsDir });
    await resumed.onRunStart(start(2));
    await resumed.onEpochEnd(epochLine(2));
    expect(await readMetrics(runDir)).toEqual({ lines: [epochLine(1), epochLine(2)], skipped: [] });
    await resumed.onRunEnd({ type: 'run-end', status: 'completed', summary }, {});
  });

  it('cuts metrics.jsonl back to the checkpoint when resuming, so every epoch appears once', async () => {
    const runDir = join(runsDir, start().runId);
    const lock = await acquireRunLock(runDir);
    const first = new RunDirectoryReporter({ runsDir, lock });
    await first.onRunStart(start());
    await first.onBatchEnd(batch(1, 1));
    await first.onEpochEnd(epochLine(1));
    await first.onCheckpoint({ type: 'checkpoint', epoch: 1 }, fakeCheckpoint(1));
    await first.onBatchEnd(batch(2, 1));
    await first.onEpochEnd({ ...epochLine(2), loss: 0.9 });
    await lock.release(); // killed after epoch 2's line, before its checkpoint
    const resumed = new RunDirectoryReporter({ runsDir, batchLineMs: 0 });
    await resumed.onRunStart(start(2)); // from checkpoint 1
    expect((await readMetrics(runDir)).lines).toEqual([batch(1, 1), epochLine(1)]);
    await resumed.onBatchEnd(batch(2, 1));
    await resumed.onEpochEnd(epochLine(2));
    await resumed.onRunEnd({ type: 'run-end', status: 'completed', summary }, {});
    const text = await readFile(join(runDir, 'metrics.jsonl'), 'utf8');
    expect(text).toBe(
      [batch(1, 1), epochLine(1), batch(2, 1), epochLine(2)]
        .map((line) => `${JSON.stringify(line)}\n`)
        .join(''),
    );
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

describe('RunDirectoryReporter and the run lock', () => {
  const runId = start().runId;

  it("takes the run's lock at run start and lets go at run end", async () => {
    const reporter = new RunDirectoryReporter({ runsDir });
    await reporter.onRunStart(start());
    await expect(acquireRunLock(join(runsDir, runId))).rejects.toThrow(RunLockedError);
    await reporter.onRunEnd({ type: 'run-end', status: 'interrupted' }, {});
    const next = await acquireRunLock(join(runsDir, runId));
    expect(next.token).toBe(2);
    await next.release();
  });

  it("writes the lock's heartbeat time into run.json", async () => {
    const clock = fakeClock();
    const lock = await acquireRunLock(join(runsDir, runId), { now: clock.now, heartbeatMs: 10 });
    const reporter = new RunDirectoryReporter({ runsDir, lock, now: clock.now });
    await reporter.onRunStart(start());
    clock.advance(3000);
    const claimFile = join(runsDir, runId, RUN_LOCK_DIR, '1.json');
    await waitUntil(async () => {
      const claim = JSON.parse(await readFile(claimFile, 'utf8')) as { heartbeatAt: string };
      const run = await readRun(reporter.runDir!);
      return (
        claim.heartbeatAt === '2026-11-25T21:04:15.000Z' && run.heartbeatAt === claim.heartbeatAt
      );
    });
    await reporter.onRunEnd({ type: 'run-end', status: 'interrupted' }, {});
    await lock.release();
  });

  it('refuses a lock taken for another run directory', async () => {
    const lock = await acquireRunLock(join(runsDir, 'another-run'));
    await expect(new RunDirectoryReporter({ runsDir, lock }).onRunStart(start())).rejects.toThrow(
      `the lock given is for ${join(runsDir, 'another-run')}`,
    );
    await lock.release();
  });

  it.each<[string, (reporter: RunDirectoryReporter) => Promise<void>]>([
    ['a batch line', (r) => r.onBatchEnd(batch(1, 1))],
    ['an epoch line', (r) => r.onEpochEnd(epochLine(1))],
    ['a checkpoint', (r) => r.onCheckpoint({ type: 'checkpoint', epoch: 1 }, fakeCheckpoint(1))],
    [
      'the model',
      (r) =>
        r.onRunEnd(
          { type: 'run-end', status: 'completed', summary },
          { model: fakeCheckpoint(1).model },
        ),
    ],
    [
      'the evaluation',
      (r) =>
        r.onRunEnd(
          { type: 'run-end', status: 'completed', summary },
          { evaluation: testEvaluation(3) },
        ),
    ],
    ['run.json', (r) => r.onRunEnd({ type: 'run-end', status: 'interrupted' }, {})],
  ])('writes no %s once another process took the lock over', async (_, write) => {
    const runDir = join(runsDir, runId);
    const reporter = new RunDirectoryReporter({ runsDir });
    await reporter.onRunStart(start());
    // What a process that judged this one gone leaves: the claim for the next token.
    await mkdir(join(runDir, RUN_LOCK_DIR), { recursive: true });
    const heartbeatAt = new Date().toISOString();
    const successor = { token: 2, pid: process.ppid, hostname: hostname(), heartbeatAt };
    await writeFile(join(runDir, RUN_LOCK_DIR, '2.json'), JSON.stringify(successor));
    const before = await snapshotDirectory(runDir);
    const error = await write(reporter).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunLockLostError);
    expect((error as Error).message).toBe(
      `${runDir}: process ${process.ppid} took over its lock (token 2) while this process held token 1, so this process stopped writing`,
    );
    expect(await snapshotDirectory(runDir)).toEqual(before);
  });
});
