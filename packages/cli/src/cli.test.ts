import { describe, expect, it } from 'vitest';
import { MODEL_NAMES, MODEL_TABLE, OPTIMIZER_NAMES } from '@fashion-lab/run';
import { runCli } from './cli.js';
import { testIo } from './cli-io.test-support.js';

describe('runCli', () => {
  it.each([
    'train --model resnet',
    'train --optimizer adagrad',
    'train --epochs -1',
    'train --lr 0',
    'train --lr -1',
    'train --batch-size 0',
    'frobnicate',
    'summary',
    'train --frobnicate',
    'train --epochs',
    'study --backend tpu',
    'predict abc --index x',
  ])('"%s" is a usage error: one line on stderr, exit code 2', async (line) => {
    const { io, stdout, stderr } = testIo('/');
    expect(await runCli(line.split(' '), io)).toBe(2);
    expect(stdout.text).toBe('');
    expect(stderr.lines()).toHaveLength(1);
    expect(stderr.text).toMatch(/^error: \S.*\n$/);
    expect(stderr.text).not.toMatch(/\n\s+at /);
  });

  it('lists every model and optimizer of the registries in --help', async () => {
    const { io, stdout } = testIo('/');
    expect(await runCli(['train', '--help'], io)).toBe(0);
    for (const name of [...MODEL_NAMES, ...OPTIMIZER_NAMES])
      expect(stdout.text).toContain(`  ${name} `);
    for (const name of MODEL_NAMES) expect(stdout.text).toContain(MODEL_TABLE[name].description);
    expect(stdout.text).toContain('--batch-size N');
    expect(stdout.text).toContain('--resume RUN_ID');
    // A model's default augmentation shows with its other defaults; none shows for the others.
    expect(stdout.text).toMatch(/cnn-regularized .*\n\s+defaults: .*, --augment flip\n/);
    expect(stdout.text).toMatch(/ cnn {2,}.*\n\s+defaults: adam, [^\n-]*\n/);
  });

  it('shows the command overview for help', async () => {
    const { io, stdout } = testIo('/');
    expect(await runCli([], io)).toBe(0);
    for (const command of ['train', 'study', 'runs', 'summary', 'evaluate', 'predict']) {
      expect(stdout.text).toContain(`  ${command} `);
    }
  });
});
