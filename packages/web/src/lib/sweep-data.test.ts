import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMeanStd, sweepResults } from '@fashion-lab/run';
import { readRun, updateSweep } from '@fashion-lab/run/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as getSweep } from '../app/api/sweeps/[id]/route';
import { fixtureSweepDir, writeFixtureSweep } from '../e2e/fixture-sweep';
import { loadRunsTable } from './run-data';
import { loadSweepList, loadSweepNames, loadSweepView } from './sweep-data';
import type { SweepView } from './sweep-view';

let runsDir: string;
const previousRunsDir = process.env['RUNS_DIR'];

beforeEach(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'web-sweeps-'));
  process.env['RUNS_DIR'] = runsDir;
});
afterEach(async () => {
  if (previousRunsDir === undefined) delete process.env['RUNS_DIR'];
  else process.env['RUNS_DIR'] = previousRunsDir;
  await rm(runsDir, { recursive: true, force: true });
});

async function viewOf(sweepId: string): Promise<SweepView> {
  const view = await loadSweepView(sweepId);
  if (view === undefined || !view.ok)
    throw new Error(`no view of ${sweepId}: ${JSON.stringify(view)}`);
  return view;
}

describe('loadSweepView: a sweep page from sweep.json and its trials` run summaries', () => {
  it('gives every config the mean ± std and 95% CI the cli prints, and the answer sentence', async () => {
    const { sweep } = await writeFixtureSweep(runsDir);
    const view = await viewOf(sweep.sweepId);
    // Config c's two seeds score 0.80 + 0.01c and 0.001 more: mean 0.8005 + 0.01c, and
    // std = 0.001 / sqrt(2) = 0.0707 points; CI half-width t(0.975, 1) * std / sqrt(2)
    // = 12.7062 * 0.0005 = 0.006353.
    expect(view.configs.map((config) => config.testText)).toEqual([
      '80.05% ± 0.07 (n = 2)',
      '81.05% ± 0.07 (n = 2)',
      '82.05% ± 0.07 (n = 2)',
      '83.05% ± 0.07 (n = 2)',
    ]);
    const [lo, hi] = view.configs[0]!.testAcc.ci95!;
    expect(lo).toBeCloseTo(0.8005 - 0.006353, 6);
    expect(hi).toBeCloseTo(0.8005 + 0.006353, 6);
    expect(view.configs[0]!.bestValText).toBe('80.55% ± 0.07 (n = 2)');
    // Welch with equal spreads and n = 2: t = 0.01 / sqrt(2 * 0.0005^2) = 14.14 on 2 degrees of
    // freedom, two-sided p = 1 - t / sqrt(2 + t^2) = 0.0050.
    const [runnerUp, best] = [view.configs[2]!.configKey, view.configs[3]!.configKey];
    expect(view.sentence).toBe(
      `Best: ${best} at 83.05% ± 0.07 (n = 2); its lead of 1.00 points over ${runnerUp} ` +
        `(82.05% ± 0.07, n = 2) is larger than the noise (Welch's t-test, p = 0.005).`,
    );
    expect(view.bestConfigKey).toBe(best);

    // The same numbers as reading every trial's run.json afresh, the way the cli does.
    const runs = await Promise.all(
      sweep.trials.map((trial) => readRun(join(runsDir, trial.runId))),
    );
    expect(view.configs.map((config) => config.testText)).toEqual(
      sweepResults(sweep.trials, runs).configs.map((config) => formatMeanStd(config.testAcc)),
    );
  });

  it('one line per trial through every axis, linking each trial to its run', async () => {
    const { sweep, testAcc } = await writeFixtureSweep(runsDir);
    const view = await viewOf(sweep.sweepId);
    expect(view.axes.map((axis) => axis.key)).toEqual([
      'learningRate',
      'optimizer',
      'seed',
      'testAcc',
      'bestValAcc',
    ]);
    expect(view.trials.map((trial) => trial.runId)).toEqual(sweep.trials.map((t) => t.runId));
    expect(view.trials.map((trial) => trial.values['testAcc'])).toEqual(testAcc);
    expect(view.live).toBe(false);
  });

  it('counts the trials in each state, shows a running trial`s epoch and follows sweep.json', async () => {
    const states = [
      'completed',
      'completed',
      'completed',
      'completed',
      'running',
      'failed',
      'pending',
      'pruned',
    ] as const;
    const { sweep } = await writeFixtureSweep(runsDir, (i) => states[i]!);
    const view = await viewOf(sweep.sweepId);
    expect(view.counts).toEqual({
      pending: 1,
      running: 1,
      paused: 0,
      completed: 4,
      failed: 1,
      pruned: 1,
    });
    expect(view.live).toBe(true);
    expect(view.trials[4]).toMatchObject({ runStatus: 'running', epoch: { epoch: 2, epochs: 3 } });
    expect(view.trials[6]).toMatchObject({ state: 'pending', runStatus: null, testAcc: null });

    await updateSweep(fixtureSweepDir(runsDir, sweep), (current) => ({
      ...current,
      trials: current.trials.map((trial) =>
        trial.state === 'completed' ? trial : { ...trial, state: 'failed' as const },
      ),
    }));
    const after = await viewOf(sweep.sweepId);
    expect(after.counts).toMatchObject({ pending: 0, running: 0, failed: 4 });
    expect(after.live).toBe(false);
  });

  it('says in one sentence that a sweep.json is missing or damaged; 404 for a bad id', async () => {
    expect(await loadSweepView('nothing-20261125-210412')).toEqual({
      ok: false,
      sweepId: 'nothing-20261125-210412',
      error:
        'There is no sweep nothing-20261125-210412: its sweep.json does not exist in the runs directory.',
    });
    await mkdir(join(runsDir, 'sweeps', 'torn-20261125-210412'), { recursive: true });
    await writeFile(
      join(runsDir, 'sweeps', 'torn-20261125-210412', 'sweep.json'),
      '{"schemaVersion": 1,',
    );
    const torn = await loadSweepView('torn-20261125-210412');
    expect(torn).toMatchObject({ ok: false });
    expect(torn?.ok === false && torn.error).toMatch(
      /^The sweep\.json of sweep torn-20261125-210412 cannot be read: \S+sweep\.json is not valid JSON[^.]*\.$/,
    );
    expect(await loadSweepView('..')).toBeUndefined();
    expect(await loadSweepView('sweeps')).toBeUndefined();
  });

  it('GET /api/sweeps/<id> sends the view as JSON, 404 for a missing sweep', async () => {
    const { sweep } = await writeFixtureSweep(runsDir);
    const get = (id: string) =>
      getSweep(new Request(`http://127.0.0.1/api/sweeps/${id}`), {
        params: Promise.resolve({ id }),
      });
    const response = await get(sweep.sweepId);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(await viewOf(sweep.sweepId))));
    expect((await get('nothing-20261125-210412')).status).toBe(404);
    expect((await get('..%2F..')).status).toBe(404);
  });
});

describe('the runs list and the sweeps list', () => {
  it('rows of trial runs name their sweep; the sweeps list and names come from sweep.json', async () => {
    const { sweep } = await writeFixtureSweep(runsDir);
    const rows = await loadRunsTable();
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => row.ok && row.sweep?.sweepId === sweep.sweepId)).toBe(true);
    expect(await loadSweepNames()).toEqual({ [sweep.sweepId]: 'lr-opt' });
    expect(await loadSweepList()).toEqual([
      {
        ok: true,
        sweepId: sweep.sweepId,
        name: 'lr-opt',
        createdAt: sweep.createdAt,
        trials: 8,
        counts: { completed: 8 },
      },
    ]);
  });
});
