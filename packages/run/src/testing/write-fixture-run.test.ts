import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunFileError } from '../run-file-error.js';
import {
  listRuns,
  readCheckpoint,
  readEvaluation,
  readMetrics,
  readModelArtifacts,
  readRun,
  RUN_LOCK_DIR,
  RunDirectoryReporter,
} from '../node.js';
import { fakeCheckpoint } from './checkpoint-fixture.js';
import { fixtureEvaluation } from './evaluation-fixture.js';
import { testBatchLine, testEpochLine, testMetricsLines } from './metrics-fixtures.js';
import { testConfig, testEvaluation, testRunJson } from './run-fixtures.js';
import {
  appendFixtureMetrics,
  writeFixtureRun,
  type FixtureRunFiles,
} from './write-fixture-run.js';

let runsDir: string;
beforeEach(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'fashion-lab-fixture-run-'));
});
afterEach(async () => {
  await rm(runsDir, { recursive: true, force: true });
});

/** Every file under `dir`, as sorted relative paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

const RUN_ID = '20261125-210412-cnn-adam';
const model = fakeCheckpoint(9).model;
const evaluation = fixtureEvaluation({ labels: [0, 1, 1], predicted: [0, 1, 0], testLoss: 0.4 });
const metrics = testMetricsLines(2, { batchLinesAt: [5] });

describe('writeFixtureRun', () => {
  it('writes a run that readRun, readMetrics, readEvaluation, listRuns and readCheckpoint read back', async () => {
    const runDir = await writeFixtureRun(runsDir, {
      run: testRunJson({ runId: RUN_ID, experiment: 'seed-study-20261125-2104' }),
      metrics,
      evaluation,
      model,
      checkpoint: fakeCheckpoint(2),
    });
    expect(runDir).toBe(join(runsDir, RUN_ID));
    expect(await readRun(runDir)).toEqual(
      testRunJson({ runId: RUN_ID, experiment: 'seed-study-20261125-2104' }),
    );
    expect(await readMetrics(runDir)).toEqual({ lines: metrics, skipped: [] });
    expect(await readEvaluation(runDir)).toEqual(evaluation);
    const [entry] = await listRuns(runsDir);
    expect(entry).toMatchObject({ ok: true, runId: RUN_ID, status: 'completed' });
    expect((await readCheckpoint(runDir)).state).toEqual(fakeCheckpoint(2).state);
    const saved = await readModelArtifacts(join(runDir, 'model'));
    expect([...new Float32Array(saved.weightData as ArrayBuffer)]).toEqual([9, 2, 3, 4]);
  });

  it('leaves the same files as the RunDirectoryReporter that trains a run', async () => {
    const reporterRuns = join(runsDir, 'reporter');
    const reporter = new RunDirectoryReporter({
      runsDir: reporterRuns,
      heartbeatMs: 60_000,
      batchLineMs: 0,
    });
    await reporter.onRunStart({
      type: 'run-start',
      runId: RUN_ID,
      config: testConfig,
      backend: 'wasm',
      params: 650,
      layers: testRunJson().layers,
      trainCount: 90,
      validationCount: 10,
      testCount: 3,
      startEpoch: 1,
      batchesPerEpoch: 10,
    });
    for (const line of metrics) {
      if (line.type === 'batch') await reporter.onBatchEnd(line);
      else {
        await reporter.onEpochEnd(line);
        await reporter.onCheckpoint({ type: 'checkpoint', epoch: line.epoch }, fakeCheckpoint(2));
      }
    }
    await reporter.onRunEnd(
      { type: 'run-end', status: 'completed', summary: testRunJson().summary! },
      { model, evaluation },
    );
    const reported = await readRun(reporter.runDir!);

    const fixtureRuns = join(runsDir, 'fixture');
    const runDir = await writeFixtureRun(fixtureRuns, {
      run: reported,
      metrics,
      evaluation,
      model,
      checkpoint: fakeCheckpoint(2),
    });
    const files = await filesUnder(runDir);
    // The reporter's released lock belongs to the process that wrote the run; readers never read it.
    const reportedFiles = (await filesUnder(reporter.runDir!)).filter(
      (name) => !name.startsWith(`${RUN_LOCK_DIR}/`),
    );
    expect(files).toEqual(reportedFiles);
    expect(files).toEqual([
      'checkpoint/model.json',
      'checkpoint/optimizer.bin',
      'checkpoint/optimizer.json',
      'checkpoint/state.json',
      'checkpoint/weights.bin',
      'evaluation.json',
      'metrics.jsonl',
      'model/model.json',
      'model/weights.bin',
      'run.json',
    ]);
    for (const name of files) {
      const [mine, theirs] = await Promise.all(
        [runDir, reporter.runDir!].map((dir) => readFile(join(dir, name))),
      );
      if (name.endsWith('.json')) {
        expect(JSON.parse(mine!.toString()), name).toEqual(JSON.parse(theirs!.toString()));
      } else {
        expect(mine, name).toEqual(theirs);
      }
    }
  });

  it('writes testRunJson() when given nothing, and only the files it is given', async () => {
    expect(await readRun(await writeFixtureRun(runsDir))).toEqual(testRunJson());
    const runDir = await writeFixtureRun(runsDir, {
      run: testRunJson({ runId: 'unfinished', status: 'running', summary: undefined }),
    });
    expect(await readFile(join(runDir, 'run.json'), 'utf8')).not.toContain('summary');
    expect(await readRun(runDir)).not.toHaveProperty('summary');
    expect(await readdir(runDir)).toEqual(['run.json']);
  });

  it('stores a diverged epoch as the null a reader reads as NaN', async () => {
    const runDir = await writeFixtureRun(runsDir, {
      metrics: [testEpochLine(1, { loss: Number.NaN, valAcc: Number.NaN })],
    });
    expect(await readFile(join(runDir, 'metrics.jsonl'), 'utf8')).toContain('"loss":null');
    expect((await readMetrics(runDir)).lines).toEqual([
      testEpochLine(1, { loss: Number.NaN, valAcc: Number.NaN }),
    ]);
  });

  it('writes raw text as it is: a torn run.json, a torn last metrics line, a damaged evaluation', async () => {
    const broken = await writeFixtureRun(runsDir, {
      run: '{"schemaVersion":1,"runId":',
      runId: '20261125-230000-dense-nadam',
    });
    expect(await readFile(join(broken, 'run.json'), 'utf8')).toBe('{"schemaVersion":1,"runId":');
    const [entry] = await listRuns(runsDir);
    expect(entry).toMatchObject({ ok: false, runId: '20261125-230000-dense-nadam' });

    const torn = await writeFixtureRun(runsDir, {
      metrics: `${JSON.stringify(testEpochLine(1))}\n{"type":"epo`,
      evaluation: '{"testLoss": 1}',
    });
    expect((await readMetrics(torn)).skipped).toEqual([
      { line: 2, reason: `${join(torn, 'metrics.jsonl')}:2: torn last line (incomplete write)` },
    ]);
    await expect(readEvaluation(torn)).rejects.toThrow(/evaluation\.json: testAcc must be/);
  });

  it('writes extra files inside the run, making their folders', async () => {
    const runDir = await writeFixtureRun(runsDir, {
      extraFiles: { 'explain.json': '{}', 'notes/a.bin': new Uint8Array([1, 2]) },
    });
    expect(await filesUnder(runDir)).toEqual(['explain.json', 'notes/a.bin', 'run.json']);
    expect([...(await readFile(join(runDir, 'notes/a.bin')))]).toEqual([1, 2]);
  });

  const withEpochs = (epochs: number) => testRunJson({ config: { ...testConfig, epochs } });
  const specsOf32Bytes = {
    ...model,
    weightSpecs: [{ name: 'dense/kernel', shape: [2, 4], dtype: 'float32' as const }],
  };
  it.each<[string, FixtureRunFiles, string]>([
    [
      'a run.json field',
      { run: withEpochs(-1) },
      `${RUN_ID}/run.json: config.epochs must be a positive integer, got -1`,
    ],
    [
      'a missing run.json field',
      { run: testRunJson({ backend: undefined }) },
      `${RUN_ID}/run.json: backend must be a non-empty string, got nothing`,
    ],
    [
      'an evaluation field',
      { evaluation: { ...testEvaluation(2), testAcc: 2 } },
      `${RUN_ID}/evaluation.json: testAcc must be a number in [0, 1], got 2`,
    ],
    [
      'predictions that do not match the confusion matrix',
      { evaluation: { ...testEvaluation(2), predictions: testEvaluation(3).predictions } },
      `${RUN_ID}/evaluation.json: predictions must be base64 of 2 bytes`,
    ],
    [
      'a metrics line, by its line number',
      { metrics: [testEpochLine(1), testBatchLine(1, 0)] },
      `${RUN_ID}/metrics.jsonl:2: batch must be a positive integer, got 0`,
    ],
    [
      'a checkpoint state field',
      { checkpoint: { ...fakeCheckpoint(1), state: { ...fakeCheckpoint(1).state, epoch: -1 } } },
      `${RUN_ID}/checkpoint/state.json: epoch must be a non-negative integer, got -1`,
    ],
    [
      'model weights that do not match their specs',
      { model: specsOf32Bytes },
      `${RUN_ID}/model/model.json: weightsManifest[0].weights describe 32 bytes of weights but the weight data holds 16`,
    ],
    [
      'checkpoint optimizer weights that do not match their specs',
      {
        checkpoint: {
          ...fakeCheckpoint(1),
          optimizer: { ...fakeCheckpoint(1).optimizer, weightData: new ArrayBuffer(4) },
        },
      },
      `${RUN_ID}/checkpoint/optimizer.json: weightSpecs describe 12 bytes of weights but the weight data holds 4`,
    ],
    [
      'an unsafe run id',
      { run: testRunJson({ runId: '../outside' }) },
      'writeFixtureRun: run id "../outside" is not a run directory name',
    ],
    [
      'an extra file outside the run',
      { extraFiles: { '../x.json': '{}' } },
      'writeFixtureRun: extraFiles "../x.json" is not a path inside the run',
    ],
    [
      'an extra file in place of a file the fixture writes',
      { model, extraFiles: { 'model/model.json': '{}' } },
      'writeFixtureRun: extraFiles "model/model.json" would overwrite model, which the fixture writes itself',
    ],
  ])('refuses %s before writing anything, naming the file', async (_, files, message) => {
    await expect(writeFixtureRun(runsDir, files)).rejects.toThrow(message);
    expect(await readdir(runsDir)).toEqual([]);
  });

  it('refuses schema defects with the readers own RunFileError', async () => {
    await expect(writeFixtureRun(runsDir, { run: withEpochs(0) })).rejects.toThrow(RunFileError);
  });
});

describe('appendFixtureMetrics', () => {
  it('appends lines after those already written, as the reporter does while training', async () => {
    const runDir = await writeFixtureRun(runsDir, { metrics: [testEpochLine(1)] });
    await appendFixtureMetrics(runDir, [testBatchLine(2, 3)]);
    await appendFixtureMetrics(runDir, '{"type":"ba');
    const read = await readMetrics(runDir);
    expect(read.lines).toEqual([testEpochLine(1), testBatchLine(2, 3)]);
    expect(read.skipped.map((skip) => skip.line)).toEqual([3]);
  });

  it('refuses an invalid line naming it', async () => {
    const runDir = await writeFixtureRun(runsDir);
    await expect(appendFixtureMetrics(runDir, [testEpochLine(0)])).rejects.toThrow(
      'metrics.jsonl (appended line 1): epoch must be a positive integer, got 0',
    );
  });
});
