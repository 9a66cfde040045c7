import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidRunId, resolveRunDir, resolveRunFile } from './run-path';

describe('isValidRunId', () => {
  it.each([
    ['20261125-210100-dense-adam', true],
    ['20261125-210100-cnn-regularized-adam-s2', true],
    ['run.v2', true],
    ['..', false],
    ['.', false],
    ['a..b', false],
    ['../etc', false],
    ['a/b', false],
    ['a%2Fb', false],
    ['a\\b', false],
    ['/etc/passwd', false],
    ['', false],
    ['.hidden', false],
    ['x'.repeat(129), false],
  ])('%j -> %s', (id, expected) => {
    expect(isValidRunId(id)).toBe(expected);
  });
});

describe('resolveRunDir and resolveRunFile', () => {
  let root: string;
  let runsDir: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'web-run-path-'));
    runsDir = join(root, 'runs');
    const outside = join(root, 'outside');
    await mkdir(join(runsDir, 'good', 'model'), { recursive: true });
    await mkdir(join(outside, 'model'), { recursive: true });
    await writeFile(join(runsDir, 'good', 'model', 'model.json'), '{}');
    await writeFile(join(runsDir, 'good', 'model', 'weights.bin'), '');
    await writeFile(join(runsDir, 'good', 'run.json'), '{}');
    await writeFile(join(outside, 'model', 'model.json'), '{}');
    await writeFile(join(outside, 'secret.txt'), 'secret');
    // A run directory that is a symlink out of runs/, and a model file that links out of its run.
    await symlink(outside, join(runsDir, 'escape'));
    await mkdir(join(runsDir, 'linked-file', 'model'), { recursive: true });
    await symlink(join(outside, 'secret.txt'), join(runsDir, 'linked-file', 'model', 'model.json'));
    await symlink(join(runsDir, 'good'), join(runsDir, 'alias'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('resolves a run directory inside runs/', async () => {
    expect(await resolveRunDir(runsDir, 'good')).toMatch(/runs[/\\]good$/);
  });

  it('follows a symlink that stays inside runs/', async () => {
    expect(await resolveRunDir(runsDir, 'alias')).toMatch(/runs[/\\]good$/);
  });

  it.each(['missing', '..', '../outside', 'escape', '/etc', 'good/model'])(
    'refuses %j',
    async (id) => {
      expect(await resolveRunDir(runsDir, id)).toBeUndefined();
    },
  );

  it('is undefined when runs/ itself does not exist', async () => {
    expect(await resolveRunDir(join(root, 'nowhere'), 'good')).toBeUndefined();
  });

  it.each(['model.json', 'weights.bin'])('serves the known file %s', async (name) => {
    expect(await resolveRunFile(runsDir, 'good', name)).toMatch(new RegExp(`model[/\\\\]${name}$`));
  });

  it.each([
    ['good', 'run.json'],
    ['good', '../run.json'],
    ['good', 'constructor'],
    ['good', 'toString'],
    ['escape', 'model.json'],
    ['linked-file', 'model.json'],
    ['linked-file', 'weights.bin'],
  ])('refuses run %j file %j', async (id, name) => {
    expect(await resolveRunFile(runsDir, id, name)).toBeUndefined();
  });
});
