import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRunsDir } from './runs-dir.js';

let root: string;
let packageDir: string;
let outside: string;

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'fashion-lab-runs-dir-'));
  root = join(base, 'workspace');
  packageDir = join(root, 'packages', 'cli', 'src');
  outside = join(base, 'elsewhere');
  await mkdir(packageDir, { recursive: true });
  await mkdir(outside);
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify({ name: 'root', workspaces: ['packages/*'] }),
  );
  // A package's own package.json (no workspaces) must not be mistaken for the root.
  await writeFile(join(root, 'packages', 'cli', 'package.json'), JSON.stringify({ name: 'cli' }));
});

afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

describe('resolveRunsDir', () => {
  it('prefers the flag, resolved against cwd', () => {
    expect(
      resolveRunsDir({ runsDir: 'my-runs', env: { RUNS_DIR: '/env/runs' }, cwd: packageDir }),
    ).toBe(join(packageDir, 'my-runs'));
  });

  it('then RUNS_DIR', () => {
    expect(resolveRunsDir({ env: { RUNS_DIR: '/env/runs' }, cwd: packageDir })).toBe('/env/runs');
  });

  it("then runs/ at the workspace root, never a package's own folder", () => {
    expect(resolveRunsDir({ env: {}, cwd: packageDir })).toBe(join(root, 'runs'));
  });

  it('then runs/ under cwd outside any workspace', () => {
    expect(resolveRunsDir({ env: {}, cwd: outside })).toBe(join(outside, 'runs'));
  });

  it('ignores an empty flag or variable', () => {
    expect(resolveRunsDir({ runsDir: '', env: { RUNS_DIR: '' }, cwd: packageDir })).toBe(
      join(root, 'runs'),
    );
  });
});
