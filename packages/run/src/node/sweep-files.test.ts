import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunFileError } from '../run-file-error.js';
import { parseSweepSpec } from '../sweep/sweep-spec.js';
import type { SweepJson } from '../sweep/sweep-json.js';
import { testRunJson } from '../testing/run-fixtures.js';
import { claimTrialRun } from './claim-trial-run.js';
import { listRuns, RunReadError } from './run-readers.js';
import { createSweep, listSweeps, readSweep, sweepDir, updateSweep } from './sweep-files.js';

let runsDir: string;
beforeEach(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'fashion-lab-sweeps-'));
});
afterEach(async () => {
  await rm(runsDir, { recursive: true, force: true });
});

const now = new Date(Date.UTC(2026, 10, 25, 21, 4, 12));
const spec = parseSweepSpec(
  {
    name: 'lr-check',
    base: { model: 'dense', epochs: 2, limit: 2000 },
    space: { learningRate: [0.001, 0.003], optimizer: ['adam', 'nadam'] },
    seeds: [1, 2],
  },
  'sweep.json',
);

describe('createSweep', () => {
  it('writes runs/sweeps/<sweepId>/sweep.json, which reads back as written', async () => {
    const { dir, sweep } = await createSweep(runsDir, spec, { now });
    expect(dir).toBe(join(runsDir, 'sweeps', 'lr-check-20261125-210412'));
    expect(await readdir(dir)).toEqual(['sweep.json']);
    expect(await readSweep(dir)).toEqual(sweep);
    expect(sweep.trials).toHaveLength(8);
    // No trial is claimed yet: workers do that.
    expect(await readdir(runsDir)).toEqual(['sweeps']);
  });

  it('refuses a second sweep of the same name in the same second', async () => {
    await createSweep(runsDir, spec, { now });
    await expect(createSweep(runsDir, spec, { now })).rejects.toThrow(
      `${sweepDir(runsDir, 'lr-check-20261125-210412')} already exists: a sweep named lr-check was started in the same second`,
    );
  });
});

describe('the runs list beside the sweeps', () => {
  it('skips runs/sweeps and lists the trials as ordinary runs', async () => {
    const { sweep } = await createSweep(runsDir, spec, { now });
    const trial = sweep.trials[0]!;
    expect(await claimTrialRun(runsDir, trial.runId)).toBe(true);
    const run = testRunJson({ runId: trial.runId, sweep: { sweepId: sweep.sweepId, trial: 0 } });
    await writeFile(join(runsDir, trial.runId, 'run.json'), JSON.stringify(run));
    const runs = await listRuns(runsDir);
    expect(runs.map((entry) => [entry.runId, entry.ok])).toEqual([[trial.runId, true]]);
  });
});

describe('readSweep', () => {
  it.each([
    ['a missing file', undefined, RunReadError, 'sweep.json does not exist'],
    ['broken JSON', '{"sweepId":', RunReadError, 'sweep.json is not valid JSON at line 1'],
    [
      'a schema defect',
      '{"schemaVersion":1}',
      RunFileError,
      'sweep.json: sweepId must be a non-empty string, got nothing',
    ],
  ])('reports %s naming the file', async (_, text, type, message) => {
    const dir = join(runsDir, 'sweeps', 'x');
    await mkdir(dir, { recursive: true });
    if (text !== undefined) await writeFile(join(dir, 'sweep.json'), text);
    await expect(readSweep(dir)).rejects.toThrow(type);
    await expect(readSweep(dir)).rejects.toThrow(message);
  });
});

describe('updateSweep', () => {
  const start =
    (trial: number) =>
    (sweep: SweepJson): SweepJson => ({
      ...sweep,
      trials: sweep.trials.map((t) => (t.trial === trial ? { ...t, state: 'running' } : t)),
    });

  it('runs updates from one process one after another, none lost', async () => {
    const { dir } = await createSweep(runsDir, spec, { now });
    // Each update awaits a read and a write: interleaved, later writes would undo earlier ones.
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((trial) => updateSweep(dir, start(trial))));
    expect((await readSweep(dir)).trials.map((t) => t.state)).toEqual(Array(8).fill('running'));
  });

  it('stamps updatedAt and returns what it wrote', async () => {
    const { dir } = await createSweep(runsDir, spec, { now });
    const later = new Date(Date.UTC(2026, 10, 25, 22, 0, 0));
    const written = await updateSweep(dir, start(3), { now: () => later });
    expect(written.updatedAt).toBe('2026-11-25T22:00:00.000Z');
    expect(await readSweep(dir)).toEqual(written);
  });

  it('writes nothing a reader would refuse, and later updates still run', async () => {
    const { dir } = await createSweep(runsDir, spec, { now });
    const broken = updateSweep(dir, (sweep) => ({
      ...sweep,
      trials: [{ ...sweep.trials[0]!, state: 'done' as 'failed' }],
    }));
    const next = updateSweep(dir, start(1));
    await expect(broken).rejects.toThrow("trials[0].state must be one of 'pending'");
    expect((await next).trials[1]?.state).toBe('running');
    expect((await readSweep(dir)).trials).toHaveLength(8);
  });

  it('leaves sweep.json as it was when an update fails', async () => {
    const { dir } = await createSweep(runsDir, spec, { now });
    const before = await readFile(join(dir, 'sweep.json'), 'utf8');
    await expect(
      updateSweep(dir, () => {
        throw new Error('the coordinator changed its mind');
      }),
    ).rejects.toThrow('the coordinator changed its mind');
    await expect(updateSweep(dir, (sweep) => ({ ...sweep, sweepId: '' }))).rejects.toThrow(
      RunFileError,
    );
    expect(await readFile(join(dir, 'sweep.json'), 'utf8')).toBe(before);
  });
});

describe('listSweeps', () => {
  it('lists sweeps newest first, an unreadable one last with its error', async () => {
    await createSweep(runsDir, spec, { now });
    await createSweep(
      runsDir,
      { ...spec, name: 'later' },
      { now: new Date(now.getTime() + 60_000) },
    );
    await mkdir(join(runsDir, 'sweeps', 'broken'));
    const sweeps = await listSweeps(runsDir);
    expect(sweeps.map((entry) => [entry.sweepId, entry.ok])).toEqual([
      ['later-20261125-210512', true],
      ['lr-check-20261125-210412', true],
      ['broken', false],
    ]);
    expect(sweeps[2]).toMatchObject({
      error: expect.stringContaining('sweep.json does not exist'),
    });
  });

  it('finds no sweeps where there is no sweeps folder', async () => {
    expect(await listSweeps(join(runsDir, 'nothing-here'))).toEqual([]);
  });
});
