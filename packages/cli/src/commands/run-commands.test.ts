import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureRun } from '@fashion-lab/run/testing';
import { runCli } from '../cli.js';
import { testIo } from '../cli-io.test-support.js';
import { fakeRunJson, fakeRunStart } from '../fake-run.test-support.js';
import { layerTable } from './summary-command.js';

let runsDir: string;

beforeAll(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'fashion-lab-cli-runs-'));
  await writeFixtureRun(runsDir, { run: fakeRunJson('20261126-010203-dense-adam') });
  // A run whose process is gone (pid 2^31-1 does not exist) and whose heartbeat is old: stale.
  await writeFixtureRun(runsDir, {
    run: fakeRunJson('20261126-020000-dense-sgd', {
      status: 'running',
      pid: 2147483646,
      summary: undefined,
    }),
  });
  await writeFixtureRun(runsDir, { run: '{"schemaVersion": 1', runId: '20261126-030000-broken' });
});

afterAll(async () => {
  await rm(runsDir, { recursive: true, force: true });
});

describe('runs', () => {
  it('lists runs newest first, marks the stale one and says how to resume it', async () => {
    const { io, stdout } = testIo('/', { RUNS_DIR: runsDir });
    expect(await runCli(['runs'], io)).toBe(0);
    const lines = stdout.lines();
    expect(lines[0]).toMatch(/^RUN\s+STATUS\s+MODEL\s+OPTIMIZER\s+EPOCHS\s+TEST ACC/);
    expect(lines[1]).toMatch(/^20261126-030000-broken\s+unreadable/);
    expect(lines[2]).toMatch(/^20261126-020000-dense-sgd\s+stale\*\s+dense/);
    expect(lines[3]).toMatch(
      /^20261126-010203-dense-adam\s+completed\s+dense\s+adam 0\.001\s+3\s+87\.12%\s+88\.00% @2/,
    );
    expect(stdout.text).toContain(
      'resume it with npx nx run cli:train -- --resume 20261126-020000-dense-sgd',
    );
    expect(stdout.text).toMatch(/20261126-030000-broken: cannot be read: .*run\.json/);
  });

  it('prints the runs as JSON for scripts', async () => {
    const { io, stdout } = testIo('/');
    expect(await runCli(['runs', '--json', '--runs-dir', runsDir], io)).toBe(0);
    const list = JSON.parse(stdout.text) as { runId: string; status: string }[];
    expect(list.map((run) => [run.runId, run.status])).toEqual([
      ['20261126-030000-broken', 'unreadable'],
      ['20261126-020000-dense-sgd', 'stale'],
      ['20261126-010203-dense-adam', 'completed'],
    ]);
  });

  it('says how to start when there are no runs', async () => {
    const { io, stdout } = testIo('/');
    expect(await runCli(['runs', '--runs-dir', join(runsDir, 'none')], io)).toBe(0);
    expect(stdout.text).toContain('Start one with: npx nx run cli:train');
  });
});

describe('summary', () => {
  it('prints the run and its Keras-style layer table', async () => {
    const { io, stdout } = testIo('/', { RUNS_DIR: runsDir });
    expect(await runCli(['summary', '20261126-010203-dense-adam'], io)).toBe(0);
    expect(stdout.text).toContain('Run 20261126-010203-dense-adam: completed');
    expect(stdout.text).toContain('test accuracy 87.12%');
    expect(stdout.text).toContain('reproduce: npx nx run cli:train -- --model dense');
    expect(stdout.text).toContain(layerTable('dense', fakeRunStart().layers, 101770).join('\n'));
  });

  it('refuses a run id that is not there, as a usage error', async () => {
    const { io, stderr } = testIo('/', { RUNS_DIR: runsDir });
    expect(await runCli(['summary', 'no-such-run'], io)).toBe(2);
    expect(stderr.text).toMatch(
      /^error: no run "no-such-run" in .*\(list them with: npx nx run cli:runs\)\n$/,
    );
  });

  it('reports a damaged run.json as a failure naming the file', async () => {
    const { io, stderr } = testIo('/', { RUNS_DIR: runsDir });
    expect(await runCli(['summary', '20261126-030000-broken'], io)).toBe(1);
    expect(stderr.text).toMatch(/^error: .*20261126-030000-broken\/run\.json .*JSON/);
  });
});

describe('layerTable', () => {
  it('lays out layers like Keras model.summary()', () => {
    expect(layerTable('dense', fakeRunStart().layers, 101770)).toEqual([
      'Model: "dense"',
      '_'.repeat(65),
      ' Layer (type)                Output Shape              Param #',
      '='.repeat(65),
      ' flatten (Flatten)           (None, 784)               0',
      '_'.repeat(65),
      ' dense_1 (Dense)             (None, 128)               100,480',
      '_'.repeat(65),
      ' dense_2 (Dense)             (None, 10)                1,290',
      '='.repeat(65),
      'Total params: 101,770',
      '_'.repeat(65),
    ]);
  });
});
