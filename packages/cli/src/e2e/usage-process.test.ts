import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireCompiledCli, runCliProcess } from './cli-process.test-support.js';

let workDir: string;

beforeAll(async () => {
  requireCompiledCli();
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-cli-usage-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/**
 * Runs the built CLI with an empty runs dir, so no mistake can reach a real run (given first, so
 * a flag missing its value stays last).
 */
const run = ([name = '', ...rest]: string[]) =>
  runCliProcess([name, '--runs-dir', join(workDir, 'runs'), ...rest], workDir);

describe('fashion-lab usage mistakes (the built CLI)', () => {
  it.each([
    [
      ['train', '--frobnicate'],
      'error: unknown option --frobnicate for "train" (see fashion-lab help train)',
    ],
    [
      ['summary', 'abc', '--model', 'dense'],
      'error: unknown option --model for "summary" (see fashion-lab help summary)',
    ],
    [['train', '--seed', '1', '--data-dir'], 'error: --data-dir needs a value'],
    [
      ['train', '--model', 'resnet'],
      `error: --model must be one of 'dense', 'cnn', 'cnn-regularized', 'cnn-strong', got "resnet"`,
    ],
    [
      ['study', '--backend', 'tpu'],
      `error: --backend must be one of 'auto', 'node', 'wasm', 'cpu', got "tpu"`,
    ],
    [['predict', 'abc', '--index', 'x'], 'error: --index must be an integer, got "x"'],
    [
      ['fly'],
      'error: unknown command "fly" (choose one of train, study, sweep, worker, runs, summary, evaluate, explain, predict, help)',
    ],
  ])('%j: one sentence on stderr, exit code 2', async (args, sentence) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${sentence}\n`);
  });

  it('says the same sentence for --backend gpu in train, study, evaluate and predict', async () => {
    const results = await Promise.all(
      [['train'], ['study'], ['evaluate', 'abc'], ['predict', 'abc', '--index', '1']].map((args) =>
        run([...args, '--backend', 'gpu']),
      ),
    );
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `error: --backend must be one of 'auto', 'node', 'wasm', 'cpu', got "gpu"\n`,
      );
    }
  });

  it.each(['train', 'study', 'runs', 'summary', 'evaluate', 'predict'])(
    '%s --help prints its usage and flags on stdout and exits 0',
    async (name) => {
      const result = await run([name, '--help']);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(new RegExp(`^Usage: fashion-lab ${name} `));
      expect(result.stdout).toContain('\n  --runs-dir DIR ');
      expect(result.stdout).toContain(`Through nx: npx nx run cli:${name} -- [flags]\n`);
    },
  );
});
