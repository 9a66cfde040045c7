import { describe, expect, it } from 'vitest';
import type { TrainConfig } from './config.js';
import { CONFIG_FLAGS, ConfigFlagError, configFlagName, type ConfigFlag } from './config-flags.js';
import { CONFIG_KEYS } from './config.js';
import { testConfig } from './testing/run-fixtures.js';
import { reproduceCommand } from './reproduce-command.js';

/** The table entry of `flag` (the test fails loudly when there is none). */
function flagSpec(flag: string): ConfigFlag {
  const spec = CONFIG_FLAGS.find((candidate) => candidate.flag === flag);
  if (spec === undefined) throw new Error(`no config flag ${flag}`);
  return spec;
}

describe('reproduceCommand', () => {
  it('writes every field of a plain config as a cli:train flag', () => {
    expect(reproduceCommand(testConfig)).toBe(
      'npx nx run cli:train -- --model cnn --optimizer adam --lr 0.001 --epochs 5 --batch-size 64 --validation-split 0.1 --seed 42 --workers 1 --backend auto --dataset fashion-mnist',
    );
  });

  it('writes the optional fields', () => {
    const config: TrainConfig = {
      ...testConfig,
      optimizer: 'sgd',
      momentum: 0.9,
      limit: 6000,
      augment: 'full',
      tta: 'off',
      earlyStopping: { patience: 3, restoreBestWeights: true },
      reduceLrOnPlateau: { factor: 0.5, patience: 2, minLr: 1e-5 },
    };
    expect(reproduceCommand(config)).toBe(
      'npx nx run cli:train -- --model cnn --optimizer sgd --lr 0.001 --momentum 0.9 --epochs 5 --batch-size 64 --validation-split 0.1 --limit 6000 --seed 42 --augment full --tta off --early-stopping 3 --reduce-lr-on-plateau --workers 1 --backend auto --dataset fashion-mnist',
    );
  });

  it.each<[string, TrainConfig]>([
    ['plain', testConfig],
    [
      'with every option, non-default',
      {
        ...testConfig,
        model: 'cnn-regularized',
        optimizer: 'sgd',
        learningRate: 1e-7,
        momentum: 0.5,
        limit: 10,
        augment: 'full',
        earlyStopping: { patience: 4, restoreBestWeights: false },
        reduceLrOnPlateau: { factor: 0.3, patience: 3, minLr: 0.0001 },
        workers: 2,
        backend: 'wasm',
        dataset: 'mnist',
      },
    ],
    [
      'cnn-strong with a cosine schedule',
      { ...testConfig, model: 'cnn-strong', augment: 'flip', lrSchedule: 'cosine' },
    ],
    [
      'cnn-regularized without its default augmentation',
      { ...testConfig, model: 'cnn-regularized' },
    ],
    [
      'cnn-strong predicting with flips, as it does by default',
      { ...testConfig, model: 'cnn-strong', augment: 'flip', tta: 'flip' },
    ],
    [
      'a mirrored dense net that predicts plainly',
      { ...testConfig, model: 'dense', augment: 'flip', tta: 'off' },
    ],
  ])('reads back every field it writes (%s)', (_, config) => {
    // Each flag reads its own arguments back; the whole line goes through the CLI's parser in
    // the CLI's tests. A config without tta (a run file from before it existed) predicted plainly.
    const expected: TrainConfig = { tta: 'off', ...config };
    for (const spec of CONFIG_FLAGS) {
      const [flag, value, ...extra] = spec.format(config);
      if (flag === undefined) continue;
      expect(flag).toBe(spec.flag);
      expect(extra).toEqual([]);
      expect(spec.read(value)).toEqual({ [spec.key]: expected[spec.key] });
    }
  });
});

describe('CONFIG_FLAGS', () => {
  it('has exactly one flag per config field', () => {
    expect(CONFIG_FLAGS.map((flag) => flag.key)).toEqual([...CONFIG_KEYS]);
  });

  it('names each flag after its field in kebab-case, except --lr for the learning rate', () => {
    expect(CONFIG_FLAGS.map((spec) => spec.flag)).toEqual([
      '--model',
      '--optimizer',
      '--lr',
      '--lr-schedule',
      '--momentum',
      '--epochs',
      '--batch-size',
      '--validation-split',
      '--limit',
      '--seed',
      '--augment',
      '--tta',
      '--early-stopping',
      '--reduce-lr-on-plateau',
      '--workers',
      '--backend',
      '--dataset',
    ]);
    expect(CONFIG_FLAGS.every((spec) => spec.flag === configFlagName(spec.key))).toBe(true);
  });
});

describe('a config flag', () => {
  it('reads a number or a name into its field', () => {
    expect(flagSpec('--epochs').read('3')).toEqual({ epochs: 3 });
    expect(flagSpec('--lr').read('1e-3')).toEqual({ learningRate: 0.001 });
    expect(flagSpec('--model').read('dense')).toEqual({ model: 'dense' });
  });

  it('reads a bare --augment and --augment on as full, and the names', () => {
    expect(flagSpec('--augment').read(undefined)).toEqual({ augment: 'full' });
    expect(flagSpec('--augment').read('on')).toEqual({ augment: 'full' });
    expect(flagSpec('--augment').read('flip')).toEqual({ augment: 'flip' });
    expect(flagSpec('--augment').read('off')).toEqual({ augment: 'off' });
  });

  it('writes --augment off only for a model that augments by default', () => {
    expect(reproduceCommand({ ...testConfig, model: 'cnn-regularized' })).toContain(
      '--seed 42 --augment off --workers',
    );
    expect(reproduceCommand(testConfig)).not.toContain('--augment');
  });

  it('reads --tta and writes it only where it differs from how the run trained', () => {
    expect(flagSpec('--tta').read('flip')).toEqual({ tta: 'flip' });
    expect(flagSpec('--tta').read('off')).toEqual({ tta: 'off' });
    const mirrored: TrainConfig = { ...testConfig, augment: 'flip' };
    expect(reproduceCommand({ ...mirrored, tta: 'flip' })).not.toContain('--tta');
    expect(reproduceCommand({ ...mirrored, tta: 'off' })).toContain('--augment flip --tta off');
    // Run files from before --tta predicted plainly, whatever they trained on.
    expect(reproduceCommand(mirrored)).toContain('--tta off');
    expect(reproduceCommand(testConfig)).not.toContain('--tta');
  });

  it('reads a bare --reduce-lr-on-plateau as the default schedule', () => {
    expect(flagSpec('--reduce-lr-on-plateau').read(undefined)).toEqual({
      reduceLrOnPlateau: { factor: 0.5, patience: 2, minLr: 1e-5 },
    });
    expect(flagSpec('--reduce-lr-on-plateau').read('0.1,5,0')).toEqual({
      reduceLrOnPlateau: { factor: 0.1, patience: 5, minLr: 0 },
    });
  });

  it.each([
    ['--epochs', '-1', '--epochs must be a positive integer, got -1'],
    ['--epochs', '2.5', '--epochs must be a positive integer, got 2.5'],
    ['--lr', 'fast', '--lr must be a number, got "fast"'],
    ['--lr', '12abc', '--lr must be a number, got "12abc"'],
    [
      '--model',
      'resnet',
      "--model must be one of 'dense', 'cnn', 'cnn-regularized', 'cnn-strong', got \"resnet\"",
    ],
    ['--batch-size', undefined, '--batch-size needs a value'],
    ['--augment', 'yes', "--augment must be one of 'off', 'flip', 'full', got \"yes\""],
    ['--tta', 'full', "--tta must be one of 'off', 'flip', got \"full\""],
    ['--tta', undefined, '--tta needs a value'],
    [
      '--early-stopping',
      '3,maybe',
      '--early-stopping must be PATIENCE or PATIENCE,no-restore, got "3,maybe"',
    ],
    ['--reduce-lr-on-plateau', '2,2,0', '--reduce-lr-on-plateau must be a number in (0, 1), got 2'],
    [
      '--reduce-lr-on-plateau',
      '0.5,2',
      '--reduce-lr-on-plateau must be FACTOR,PATIENCE,MIN_LR, got "0.5,2"',
    ],
    ['--validation-split', '1', '--validation-split must be a number in [0, 1), got 1'],
  ])('rejects %s %j: %s', (flag, value, message) => {
    const attempt = () => flagSpec(flag).read(value);
    expect(attempt).toThrow(ConfigFlagError);
    expect(attempt).toThrow(message);
  });
});
