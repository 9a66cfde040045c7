import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSweep } from '@fashion-lab/run/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FIXTURE_SWEEP_SPEC,
  SWEEP_STARTED,
  writeFixtureSweep,
} from '../fixtures/sweep-fixture.test-support.js';
import { runReportCli } from './cli.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-cli-sweep-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runReportCli(argv, {
    cwd: options.cwd ?? dir,
    env: options.env ?? {},
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('report:build --sweep', () => {
  it('writes reports/<sweepId>.html at the workspace root by default, reading RUNS_DIR', async () => {
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'root', workspaces: ['packages/*'] }),
    );
    const nested = join(dir, 'packages', 'report');
    await mkdir(nested, { recursive: true });
    const { sweepId } = await writeFixtureSweep(join(dir, 'elsewhere'));
    const result = await run(['--sweep', sweepId], {
      cwd: nested,
      env: { RUNS_DIR: join(dir, 'elsewhere') },
    });
    const out = join(dir, 'reports', `${sweepId}.html`);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      new RegExp(`^Wrote ${out} \\(sweep ${sweepId}, 12 trials, \\d+ KiB\\)\\n$`),
    );
    const html = await readFile(out, 'utf8');
    expect(html).toContain(
      '<p class="answer">Best: learningRate=0.001 optimizer=adam at 91.00% ± 1.00 (n = 3);',
    );
    expect(html).not.toContain('<script');
  });

  it('writes the same bytes twice for the same sweep, at --out with --runs-dir', async () => {
    const { sweepId } = await writeFixtureSweep(join(dir, 'runs'));
    expect((await run(['--runs-dir', 'runs', '--sweep', sweepId, '--out', 'a.html'])).code).toBe(0);
    expect((await run(['--runs-dir', 'runs', '--sweep', sweepId, '--out', 'b.html'])).code).toBe(0);
    expect(await readFile(join(dir, 'b.html'), 'utf8')).toBe(
      await readFile(join(dir, 'a.html'), 'utf8'),
    );
  });

  it('names an unknown sweep and the runs folder, lists the sweeps there and writes nothing', async () => {
    const { sweepId } = await writeFixtureSweep(join(dir, 'runs'));
    const result = await run(['--runs-dir', 'runs', '--sweep', 'nope', '--out', 'r.html']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `No sweep nope in ${join(dir, 'runs')}: sweeps found: ${sweepId}.\n`,
    });
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
  });

  it.each(['nope', '../runs'])(
    'says a runs folder without sweeps holds none (--sweep %s)',
    async (id) => {
      await mkdir(join(dir, 'runs'));
      const result = await run(['--runs-dir', 'runs', '--sweep', id, '--out', 'r.html']);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `No sweep ${id} in ${join(dir, 'runs')}: it holds no sweeps (start one with npx nx run cli:sweep) or pass --runs-dir.\n`,
      );
    },
  );

  it('gives the run package’s sentence for a damaged sweep.json and writes nothing', async () => {
    const { sweepId } = await writeFixtureSweep(join(dir, 'runs'));
    const file = join(dir, 'runs', 'sweeps', sweepId, 'sweep.json');
    await writeFile(file, '{"schemaVersion": 1,');
    const result = await run(['--runs-dir', 'runs', '--sweep', sweepId, '--out', 'r.html']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^Could not build the sweep report: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`,
      ),
    );
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
  });

  it('names the field of a sweep.json that breaks the schema', async () => {
    const { sweepId } = await writeFixtureSweep(join(dir, 'runs'));
    const file = join(dir, 'runs', 'sweeps', sweepId, 'sweep.json');
    const sweep = JSON.parse(await readFile(file, 'utf8')) as { trials: { state: string }[] };
    sweep.trials[0]!.state = 'exploded';
    await writeFile(file, JSON.stringify(sweep));
    const result = await run(['--runs-dir', 'runs', '--sweep', sweepId, '--out', 'r.html']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('trials[0].state');
  });

  it('builds a sweep whose trials have not run yet, saying there is no best config', async () => {
    const { sweep } = await createSweep(join(dir, 'runs'), FIXTURE_SWEEP_SPEC, {
      now: SWEEP_STARTED,
    });
    const result = await run(['--runs-dir', 'runs', '--sweep', sweep.sweepId, '--out', 'r.html']);
    expect(result.code).toBe(0);
    expect(await readFile(join(dir, 'r.html'), 'utf8')).toContain(
      'No trial has completed yet, so there is no best config.',
    );
  });

  it.each([[['--sweep', 'x', '--all']], [['--sweep', 'x', '--experiment', 'y']], [['--sweep']]])(
    'exits 2 on a usage mistake: %j',
    async (argv) => {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toBe('');
    },
  );
});
