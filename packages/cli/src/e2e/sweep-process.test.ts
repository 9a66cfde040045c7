import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  requireCompiledCli,
  runCliProcess,
  startCli,
  writeTinyDataset,
} from './cli-process.test-support.js';

let workDir: string;
let dataDir: string;

/** Dense, 200 of the tiny dataset's training images, 2 epochs: 2 learning rates x 2 seeds. */
const TINY_SWEEP = {
  name: 'lr-check',
  base: { model: 'dense', epochs: 2, limit: 200, backend: 'wasm', workers: 1 },
  space: { learningRate: [0.001, 0.003] },
  seeds: [1, 2],
};

interface SweepFile {
  sweepId: string;
  trials: { runId: string; state: string }[];
}

async function writeSpec(name: string, spec: unknown): Promise<string> {
  const file = join(workDir, name);
  await writeFile(file, JSON.stringify(spec));
  return file;
}

async function onlySweep(runsDir: string): Promise<SweepFile> {
  const [sweepId, ...others] = await readdir(join(runsDir, 'sweeps'));
  expect(others).toEqual([]);
  const text = await readFile(join(runsDir, 'sweeps', sweepId!, 'sweep.json'), 'utf8');
  return JSON.parse(text) as SweepFile;
}

async function epochLines(runDir: string): Promise<number[]> {
  const text = await readFile(join(runDir, 'metrics.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { type: string; epoch: number })
    .filter((line) => line.type === 'epoch')
    .map((line) => line.epoch);
}

beforeAll(async () => {
  requireCompiledCli();
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-sweep-e2e-'));
  dataDir = await writeTinyDataset(join(workDir, 'data'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('fashion-lab sweep (not a terminal)', () => {
  it('trains every trial and sums up 2 configs with n = 2 each and the answer sentence', async () => {
    const runsDir = join(workDir, 'complete');
    const spec = await writeSpec('lr-check.json', TINY_SWEEP);
    const result = await runCliProcess(
      ['sweep', '--file', spec, '--data-dir', dataDir, '--runs-dir', runsDir],
      workDir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((line) => / started: run /.test(line))).toHaveLength(4);
    expect(lines.filter((line) => / completed: test /.test(line))).toHaveLength(4);
    const configLines = lines.filter((line) => line.startsWith('learningRate='));
    expect(configLines).toHaveLength(2);
    for (const line of configLines) {
      expect(line).toMatch(/: test \d+\.\d\d% ± \d+\.\d\d \(n = 2\), best val .* \(n = 2\)$/);
    }
    expect(lines.at(-1)).toMatch(/^Best: learningRate=0\.00[13] at .*Welch's t-test, p .*\.$/);

    const sweep = await onlySweep(runsDir);
    expect(sweep.trials.map((trial) => trial.state)).toEqual(Array(4).fill('completed'));
    for (const trial of sweep.trials) {
      const run = JSON.parse(await readFile(join(runsDir, trial.runId, 'run.json'), 'utf8')) as {
        status: string;
        sweep: unknown;
      };
      expect(run.status).toBe('completed');
      expect(run.sweep).toEqual({ sweepId: sweep.sweepId, trial: sweep.trials.indexOf(trial) });
    }

    const status = await runCliProcess(
      ['sweep', '--status', sweep.sweepId, '--runs-dir', runsDir],
      workDir,
    );
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('4 trials: 4 completed');
    expect(status.stdout).toContain(configLines[0]);
  });

  it.each([
    [
      'a bad space value',
      { ...TINY_SWEEP, space: { learningRate: [0.001, -1] } },
      /^error: .*bad\.json: space\.learningRate\[1\] must be .*, got -1\n$/,
    ],
    [
      'a config core cannot train',
      {
        ...TINY_SWEEP,
        base: { ...TINY_SWEEP.base, validationSplit: 0 },
        space: { earlyStopping: [{ patience: 2, restoreBestWeights: false }] },
      },
      /^error: .*bad\.json: trial 1 \(.*\): --early-stopping needs validation images.*\n$/,
    ],
  ])('refuses %s in one sentence, exit 2, with nothing written', async (_what, spec, message) => {
    const runsDir = join(workDir, 'never');
    const file = await writeSpec('bad.json', spec);
    const result = await runCliProcess(
      ['sweep', '--file', file, '--data-dir', dataDir, '--runs-dir', runsDir],
      workDir,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(existsSync(runsDir)).toBe(false);
  });

  it('resumes a sweep stopped by Ctrl-C without training any epoch twice', async () => {
    const runsDir = join(workDir, 'resumed');
    const spec = await writeSpec('resumed.json', {
      ...TINY_SWEEP,
      base: { ...TINY_SWEEP.base, epochs: 3, limit: 300 },
    });
    const first = startCli(
      ['sweep', '--file', spec, '--data-dir', dataDir, '--runs-dir', runsDir],
      workDir,
    );
    await first.waitFor(/trial 2\/4 .* started/);
    first.child.kill('SIGINT');
    const stopped = await first.result;
    expect(stopped.code).toBe(130);
    const sweepId = (await onlySweep(runsDir)).sweepId;
    expect(stopped.stdout).toContain(`resume with: npx nx run cli:sweep -- --resume ${sweepId}`);
    expect((await onlySweep(runsDir)).trials.map((t) => t.state)).toContain('pending');

    const resumed = await runCliProcess(
      ['sweep', '--resume', sweepId, '--data-dir', dataDir, '--runs-dir', runsDir],
      workDir,
    );
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    // Trial 1 completed before the stop: the resumed sweep leaves it alone.
    expect(resumed.stdout).not.toMatch(/trial 1\/4 .* started/);
    expect(resumed.stdout.match(/^learningRate=.*\(n = 2\)$/gm)).toHaveLength(2);
    const sweep = await onlySweep(runsDir);
    expect(sweep.trials.map((trial) => trial.state)).toEqual(Array(4).fill('completed'));
    for (const trial of sweep.trials) {
      expect(await epochLines(join(runsDir, trial.runId))).toEqual([1, 2, 3]);
    }
  });
});

describe('fashion-lab study --seeds', () => {
  it('runs every config of the study once per seed and prints mean ± std per config', async () => {
    const runsDir = join(workDir, 'study');
    const study = await writeSpec('two-optimizers.json', {
      name: 'two-optimizers',
      runs: [
        { model: 'dense', optimizer: 'sgd', learningRate: 0.05 },
        { model: 'dense', optimizer: 'adam', learningRate: 0.001 },
      ],
      quick: { limit: 200, epochs: 1 },
    });
    const result = await runCliProcess(
      [
        'study',
        '--file',
        study,
        '--seeds',
        '2',
        '--quick',
        '--data-dir',
        dataDir,
        '--runs-dir',
        runsDir,
      ],
      workDir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const configLines = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('learningRate='));
    expect(configLines).toEqual([
      expect.stringMatching(
        /^learningRate=0\.05 model=dense optimizer=sgd: test .*± .* \(n = 2\),/,
      ),
      expect.stringMatching(
        /^learningRate=0\.001 model=dense optimizer=adam: test .*± .* \(n = 2\),/,
      ),
    ]);
    expect(result.stdout).toMatch(/\nBest: .*\.\n$/);
    const sweep = await onlySweep(runsDir);
    const seeds = await Promise.all(
      sweep.trials.map(async (trial) => {
        const run = JSON.parse(await readFile(join(runsDir, trial.runId, 'run.json'), 'utf8')) as {
          config: { seed: number; limit: number; epochs: number };
        };
        return [run.config.seed, run.config.limit, run.config.epochs];
      }),
    );
    expect(seeds).toEqual([
      [42, 200, 1],
      [43, 200, 1],
      [42, 200, 1],
      [43, 200, 1],
    ]);
  });
});
