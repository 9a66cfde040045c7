import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFixtureRun } from '@fashion-lab/run/testing';
import { writeFixtureRuns, seedStudyFixture } from '../fixtures/fixture-runs.js';
import {
  SCENARIO_EXPERIMENT,
  writeReportScenario,
} from '../fixtures/report-scenario.test-support.js';
import { tinyDataset } from '../fixtures/tiny-dataset.test-support.js';
import { runReportCli, type CliContext } from './cli.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(
  argv: string[],
  overrides: CliContext['overrides'] = { loadDataset: async () => tinyDataset() },
) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runReportCli(argv, {
    cwd: dir,
    env: {},
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    overrides,
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('report:build', () => {
  it.each([
    { why: 'an empty runs folder', prepare: async (runs: string) => mkdir(runs) },
    { why: 'a missing runs folder', prepare: async () => undefined },
  ])('exits 1 with a clear message and writes nothing for $why', async ({ prepare }) => {
    const runs = join(dir, 'runs');
    await prepare(runs);
    const result = await run(['--runs-dir', runs, '--out', 'out/report.html']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`No runs found in ${runs}`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 1 and lists the reasons when no run can be read', async () => {
    await writeFixtureRun(join(dir, 'runs'), {
      run: '{"runId":',
      runId: '20261125-230000-dense-adam',
    });
    const result = await run(['--runs-dir', join(dir, 'runs'), '--out', 'report.html']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/20261125-230000-dense-adam: run\.json is not valid JSON/);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });

  it('exits 1 naming the experiments there are for an unknown experiment', async () => {
    await writeFixtureRuns(
      join(dir, 'runs'),
      seedStudyFixture(SCENARIO_EXPERIMENT, '2026-11-25T21:01:00.000Z', 2).slice(0, 1),
    );
    const result = await run(['--runs-dir', 'runs', '--experiment', 'nope']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`experiments found: ${SCENARIO_EXPERIMENT}`);
  });

  it.each([['--bogus'], ['--all', '--experiment', 'x'], ['stray']])(
    'exits 2 on a usage mistake: %j',
    async (...argv) => {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toBe('');
    },
  );

  it('prints usage with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--experiment NAME');
  });

  it('writes reports/fashion-lab-report.html at the workspace root by default, reading runs/ there', async () => {
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'root', workspaces: ['packages/*'] }),
    );
    const nested = join(dir, 'packages', 'report');
    await mkdir(nested, { recursive: true });
    await writeFixtureRuns(
      join(dir, 'runs'),
      seedStudyFixture(SCENARIO_EXPERIMENT, '2026-11-25T21:01:00.000Z', 2).slice(0, 2),
    );
    const stdout: string[] = [];
    const code = await runReportCli([], {
      cwd: nested,
      env: {},
      stdout: (text) => stdout.push(text),
      stderr: (text) => stdout.push(text),
      overrides: { loadDataset: async () => tinyDataset() },
    });
    const out = join(dir, 'reports', 'fashion-lab-report.html');
    expect(code).toBe(0);
    expect(stdout.join('')).toContain(`Wrote ${out} (2 runs,`);
    expect(existsSync(out)).toBe(true);
  });

  it('reads RUNS_DIR when no --runs-dir is given', async () => {
    await writeFixtureRuns(
      join(dir, 'elsewhere'),
      seedStudyFixture(SCENARIO_EXPERIMENT, '2026-11-25T21:01:00.000Z', 2).slice(0, 1),
    );
    const stdout: string[] = [];
    const code = await runReportCli(['--out', 'r.html'], {
      cwd: dir,
      env: { RUNS_DIR: join(dir, 'elsewhere') },
      stdout: (text) => stdout.push(text),
      stderr: (text) => stdout.push(text),
      overrides: { loadDataset: async () => tinyDataset() },
    });
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'r.html'))).toBe(true);
  });

  it('lists unreadable runs and files with their reasons and still renders the rest', async () => {
    await writeReportScenario(join(dir, 'runs'));
    const result = await run(['--runs-dir', 'runs', '--out', 'report.html']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(10 runs,');
    expect(result.stdout).toContain('3 problems listed in the report');
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain(
      '<span class="mono">20261125-230000-dense-nadam</span>: run.json is not valid JSON',
    );
    expect(html).toMatch(
      /<span class="mono">20261125-220000-cnn-sgd<\/span>: metrics\.jsonl:?[^<]*5[^<]*skipped/,
    );
    expect(html).toContain(
      '<span class="mono">20261125-223000-dense-adam</span>: evaluation.json does not exist',
    );
    expect(html).not.toContain(dir);
  });

  it('says in the dataset section why there are no sample images, and still builds', async () => {
    await writeFixtureRuns(
      join(dir, 'runs'),
      seedStudyFixture(SCENARIO_EXPERIMENT, '2026-11-25T21:01:00.000Z', 2).slice(0, 1),
    );
    const result = await run(['--runs-dir', 'runs', '--out', 'report.html'], {
      loadDataset: async () => {
        throw new Error(
          'Fashion-MNIST was not found; install it with `sudo apt install dataset-fashion-mnist`.',
        );
      },
    });
    expect(result.code).toBe(0);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain(
      'The dataset could not be read, so this section has no images: Fashion-MNIST was not found;',
    );
  });
});
