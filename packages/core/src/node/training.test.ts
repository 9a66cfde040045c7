import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type Reporter } from '@fashion-lab/run';
import {
  readCheckpoint,
  readEmbedding,
  readEvaluation,
  readExplain,
  readMetrics,
  readRun,
} from '@fashion-lab/run/node';
import { explainSavedRun } from './explain-saved-run.js';
import { syntheticDataset } from '../training/synthetic-dataset.test-support.js';
import { writeIdxDataset } from './idx-files.test-support.js';
import {
  RunNotFoundError,
  RunNotResumableError,
  loadRunModel,
  resumeTraining,
  runTraining,
} from './training.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let workDir: string;
let dataDir: string;
let runsDir: string;

const config = defaultConfig('dense', {
  optimizer: 'adam',
  learningRate: 0.001,
  epochs: 2,
  batchSize: 32,
  validationSplit: 0.2,
  seed: 3,
  backend: 'wasm',
});

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-training-'));
  dataDir = await writeIdxDataset(join(workDir, 'data'), syntheticDataset(400, 100));
  runsDir = join(workDir, 'runs');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('runTraining', () => {
  it('writes a complete run directory that every reader accepts', async () => {
    const outcome = await runTraining({ config, runsDir, dataDir });
    expect(outcome.status).toBe('completed');
    const run = await readRun(outcome.runDir);
    expect(run).toMatchObject({
      status: 'completed',
      runId: outcome.runId,
      backend: 'wasm',
      params: 269322,
    });
    expect(run.summary?.testAcc).toBe(outcome.summary?.testAcc);
    const metrics = await readMetrics(outcome.runDir);
    expect(metrics.lines.filter((line) => line.type === 'epoch').map((line) => line.epoch)).toEqual(
      [1, 2],
    );
    expect(metrics.skipped).toEqual([]);
    const evaluation = await readEvaluation(outcome.runDir);
    expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(100);
    const model = await loadRunModel(outcome.runDir);
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
    model.dispose();
    expect((await readCheckpoint(outcome.runDir)).state.epoch).toBe(2);
  });

  it('explains the final model at the end, and explainSavedRun computes the same from the files', async () => {
    const outcome = await runTraining({ config: { ...config, epochs: 1 }, runsDir, dataDir });
    const evaluation = await readEvaluation(outcome.runDir);
    const explain = (await readExplain(outcome.runDir))!;
    const embedding = (await readEmbedding(outcome.runDir))!;
    // The dense net has no convolution: SmoothGrad only, for the predicted and (mistakes) true class.
    const mistakes = evaluation.samples.filter((sample) => sample.label !== sample.predicted);
    expect(explain.heatmaps).toHaveLength(evaluation.samples.length + mistakes.length);
    expect(new Set(explain.heatmaps.map((heatmap) => heatmap.method))).toEqual(
      new Set(['smoothgrad']),
    );
    expect(explain.gradCam).toBeUndefined();
    expect(explain.smoothGrad).toMatchObject({ seed: config.seed });
    expect(embedding).toMatchObject({ n: 100, layer: 'dense_2', seed: config.seed });
    expect(embedding.predicted).toBe(evaluation.predictions);

    const again = await explainSavedRun({ runId: outcome.runId, runsDir, dataDir });
    expect(again).toMatchObject({ heatmaps: explain.heatmaps.length, points: 100 });
    expect((await readExplain(outcome.runDir))!.heatmaps).toEqual(explain.heatmaps);
    expect((await readEmbedding(outcome.runDir))!.points).toBe(embedding.points);
  });

  it('writes no explanations with explain: false', async () => {
    const outcome = await runTraining({
      config: { ...config, epochs: 1 },
      runsDir,
      dataDir,
      explain: false,
    });
    expect(outcome.status).toBe('completed');
    expect(await readExplain(outcome.runDir)).toBeUndefined();
    expect(await readEmbedding(outcome.runDir)).toBeUndefined();
  });

  it('extends a completed run with more epochs, and refuses to resume it without', async () => {
    const first = await runTraining({ config: { ...config, epochs: 1 }, runsDir, dataDir });
    await expect(resumeTraining({ runId: first.runId, runsDir, dataDir })).rejects.toThrow(
      RunNotResumableError,
    );
    const extended = await resumeTraining({ runId: first.runId, runsDir, dataDir, epochs: 2 });
    expect(extended.status).toBe('completed');
    const run = await readRun(extended.runDir);
    expect(run.config.epochs).toBe(2);
    const epochs = (await readMetrics(extended.runDir)).lines.filter(
      (line) => line.type === 'epoch',
    );
    expect(epochs.map((line) => line.epoch)).toEqual([1, 2]);
  });

  it('resumes early stopping interrupted after its best epoch to the uninterrupted run, from the files', async () => {
    const stopping = {
      ...config,
      epochs: 30,
      earlyStopping: { patience: 2, restoreBestWeights: true },
    };
    const uninterrupted = await runTraining({ config: stopping, runsDir, dataDir });
    const bestEpoch = uninterrupted.summary!.bestEpoch;
    expect((await readRun(uninterrupted.runDir)).summary).toMatchObject({ bestEpoch });

    const controller = new AbortController();
    const abortBeforeLastEpoch: Reporter = {
      onEpochStart(event) {
        if (event.epoch === bestEpoch + 2) controller.abort();
      },
    };
    const stopped = await runTraining({
      config: stopping,
      runsDir,
      dataDir,
      reporters: [abortBeforeLastEpoch],
      signal: controller.signal,
    });
    expect(stopped.status).toBe('interrupted');
    const checkpoint = await readCheckpoint(stopped.runDir);
    expect(checkpoint.state).toMatchObject({ epoch: bestEpoch + 1, bestEpoch });
    expect(checkpoint.bestWeights).toBeDefined();

    const resumed = await resumeTraining({ runId: stopped.runId, runsDir, dataDir });
    expect(resumed.status).toBe('completed');
    const summary = async (runDir: string) => ({ ...(await readRun(runDir)).summary, seconds: 0 });
    expect(await summary(resumed.runDir)).toEqual(await summary(uninterrupted.runDir));
    const weights = (runDir: string) => readFile(join(runDir, 'model', 'weights.bin'));
    expect((await weights(resumed.runDir)).equals(await weights(uninterrupted.runDir))).toBe(true);
  });

  it('refuses to resume a run that does not exist', async () => {
    await expect(resumeTraining({ runId: 'no-such-run', runsDir, dataDir })).rejects.toThrow(
      RunNotFoundError,
    );
  });
});

/**
 * A run killed with SIGKILL mid-epoch keeps parseable files and resumes from its last checkpoint.
 * The child runs the compiled package (the test target compiles first), as a user's process would.
 */
describe('a training process killed with SIGKILL', () => {
  it('leaves a run that parses and resumes to completion', async () => {
    const killRunsDir = join(workDir, 'killed-runs');
    const childConfig = { ...config, epochs: 40 };
    const script = `
      import { runTraining } from '@fashion-lab/core/node';
      await runTraining({ config: ${JSON.stringify(childConfig)}, runsDir: ${JSON.stringify(killRunsDir)}, dataDir: ${JSON.stringify(dataDir)} });
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let exited = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', () => (exited = true));
    const runDir = await waitFor(
      async () => {
        if (!existsSync(killRunsDir)) return undefined;
        const [runId] = await readdir(killRunsDir);
        if (!runId) return undefined;
        const dir = join(killRunsDir, runId);
        const text = await readFile(join(dir, 'metrics.jsonl'), 'utf8').catch(() => '');
        // Two finished epochs and some batches of the third: killed mid-epoch.
        return text.includes('"epoch":3') && text.includes('"type":"batch"') ? dir : undefined;
      },
      () => (exited ? `the child exited early:\n${stderr}` : undefined),
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const run = await readRun(runDir);
    expect(run.status).toBe('running');
    await readMetrics(runDir);
    const checkpoint = await readCheckpoint(runDir);
    expect(checkpoint.state.epoch).toBeGreaterThanOrEqual(2);

    const runId = runDir.split('/').at(-1)!;
    const resumed = await resumeTraining({
      runId,
      runsDir: killRunsDir,
      dataDir,
      epochs: checkpoint.state.epoch + 1,
    });
    expect(resumed.status).toBe('completed');
    const finalRun = await readRun(runDir);
    expect(finalRun.status).toBe('completed');
    expect(finalRun.config.epochs).toBe(checkpoint.state.epoch + 1);
  }, 120_000);
});

/**
 * The worst moment to die: right after an epoch's line, before its checkpoint. The child kills
 * itself there (its extra reporter runs after the run directory's), so the moment is exact.
 */
describe('a run killed between an epoch line and its checkpoint', () => {
  it('resumes with every epoch in metrics.jsonl once, and one resume at a time', async () => {
    const killRunsDir = join(workDir, 'killed-after-epoch-line');
    const script = `
      import { runTraining } from '@fashion-lab/core/node';
      const dieAfterEpochTwo = {
        onEpochEnd(event) { if (event.epoch === 2) process.kill(process.pid, 'SIGKILL'); },
      };
      await runTraining({
        config: ${JSON.stringify({ ...config, epochs: 3 })},
        runsDir: ${JSON.stringify(killRunsDir)},
        dataDir: ${JSON.stringify(dataDir)},
        reporters: [dieAfterEpochTwo],
      });
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect(signal, stderr).toBe('SIGKILL');
    const [runId] = await readdir(killRunsDir);
    const runDir = join(killRunsDir, runId!);
    expect((await readCheckpoint(runDir)).state.epoch).toBe(1);
    expect(epochNumbers(await readFile(join(runDir, 'metrics.jsonl'), 'utf8'))).toEqual([1, 2]);

    // Two resumes at once: one trains, the other is refused while the first holds the lock.
    const [first, second] = await Promise.allSettled([
      resumeTraining({ runId: runId!, runsDir: killRunsDir, dataDir }),
      resumeTraining({ runId: runId!, runsDir: killRunsDir, dataDir }),
    ]);
    const outcomes = [first, second].filter((result) => result.status === 'fulfilled');
    const refusals = [first, second].filter((result) => result.status === 'rejected');
    expect(outcomes.map((result) => result.value.status)).toEqual(['completed']);
    expect(refusals.map((result) => String(result.reason))).toEqual([
      `RunLockedError: ${runDir} is being written by process ${process.pid}; stop it first (or wait until it ends)`,
    ]);

    const text = await readFile(join(runDir, 'metrics.jsonl'), 'utf8');
    expect(epochNumbers(text)).toEqual([1, 2, 3]);
    // Not just the epoch lines: the file never goes back in time (no batch of a replayed epoch).
    const epochsInOrder = text
      .trim()
      .split('\n')
      .map((row) => (JSON.parse(row) as { epoch: number }).epoch);
    expect(epochsInOrder).toEqual([...epochsInOrder].sort((a, b) => a - b));
    expect((await readMetrics(runDir)).lines.filter((line) => line.type === 'epoch')).toHaveLength(
      3,
    );
  }, 120_000);
});

/** The epoch numbers of metrics.jsonl's epoch lines, as written (no reader rule applied). */
function epochNumbers(text: string): number[] {
  return text
    .trim()
    .split('\n')
    .map((row) => JSON.parse(row) as { type: string; epoch: number })
    .filter((line) => line.type === 'epoch')
    .map((line) => line.epoch);
}

/** Polls `probe` until it yields a value; `failure` ends the wait early with its message. */
async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  failure: () => string | undefined,
): Promise<T> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    const message = failure();
    if (message !== undefined) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the child never reached its third epoch within 90 s');
}
