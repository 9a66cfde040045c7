import { describe, expect, it } from 'vitest';
import { CONFIG_FLAGS, configToArgs, defaultConfig, type TrainConfig } from '@fashion-lab/run';
import { parseCommandLine } from './parse-command-line.js';
import { QUICK_TRAINING } from './quick-training.js';
import { UsageError } from './usage-error.js';

const args = (line: string): string[] => line.split(' ').filter((arg) => arg !== '');

/** The UsageError a command line is rejected with (the test fails if it is accepted). */
function mistake(line: readonly string[]): string {
  try {
    parseCommandLine(line);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`"${line.join(' ')}" was accepted`);
}

/** The help text a command line prints. */
function helpOf(line: string): string {
  const command = parseCommandLine(args(line));
  if (command.name !== 'help') throw new Error(`"${line}" is not a help request`);
  return command.text;
}

/** Each flag a help text lists, with its description (wrapped lines joined). */
function helpEntries(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const flag = /^ {2}(?:-\w, )?(--[a-z-]+)\b/.exec(line)?.[1];
    if (flag !== undefined) {
      current = [line.slice(2)];
      entries.set(flag, '');
    } else if (current !== undefined && /^ {6,}\S/.test(line)) {
      current.push(line.trim());
    } else {
      current = undefined;
    }
    const last = [...entries.keys()].at(-1);
    if (current !== undefined && last !== undefined) entries.set(last, current.join(' '));
  }
  return entries;
}

describe('parseCommandLine', () => {
  it('trains the default model with its defaults when given no flags, the worker count left to core', () => {
    // Core settles it with the backend it selects: one per core, or 1 on tfjs-node.
    const { workers: _settledByCore, ...config } = defaultConfig();
    expect(parseCommandLine(['train'])).toEqual({ name: 'train', config, json: false });
  });

  it('reads every config flag into the config, on top of the chosen model defaults', () => {
    const command = parseCommandLine(
      args(
        'train --model dense --optimizer sgd --lr 0.05 --momentum 0.9 --epochs 3 --batch-size 32 ' +
          '--validation-split 0.2 --limit 1000 --seed 7 --augment --early-stopping 2 ' +
          '--tta off --reduce-lr-on-plateau --workers 3 --lr-schedule cosine --backend cpu --dataset mnist',
      ),
    );
    expect(command).toEqual({
      name: 'train',
      json: false,
      config: {
        ...defaultConfig('dense'),
        optimizer: 'sgd',
        learningRate: 0.05,
        momentum: 0.9,
        epochs: 3,
        batchSize: 32,
        validationSplit: 0.2,
        limit: 1000,
        seed: 7,
        augment: 'full',
        tta: 'off',
        earlyStopping: { patience: 2, restoreBestWeights: true },
        reduceLrOnPlateau: expect.objectContaining({ factor: expect.any(Number) }) as unknown,
        lrSchedule: 'cosine',
        workers: 3,
        backend: 'cpu',
        dataset: 'mnist',
      },
    });
  });

  it('reads --flag=value as --flag value, and a bare optional-value flag as its default', () => {
    expect(
      parseCommandLine(args('train --epochs=3 --lr=1e-3 --augment=flip --reduce-lr-on-plateau')),
    ).toMatchObject({
      config: {
        epochs: 3,
        learningRate: 0.001,
        augment: 'flip',
        reduceLrOnPlateau: { factor: 0.5, patience: 2, minLr: 1e-5 },
      },
    });
  });

  it('takes the output and location flags of train', () => {
    expect(
      parseCommandLine(args('train --model dense --json --runs-dir /tmp/r --data-dir /tmp/d')),
    ).toMatchObject({ name: 'train', json: true, runsDir: '/tmp/r', dataDir: '/tmp/d' });
  });

  it.each([
    ['train --explain off', { name: 'train', explain: false }],
    ['train --explain on', { name: 'train', explain: true }],
    ['study --explain off', { name: 'study', explain: false }],
    ['train --resume 20261126-010203-dense-adam --explain off', { name: 'resume', explain: false }],
    ['explain 20261126-010203-dense-adam --backend cpu', { name: 'explain', backend: 'cpu' }],
  ])('reads %s', (line, command) => {
    expect(parseCommandLine(args(line))).toMatchObject(command);
  });

  it('leaves explain unset without --explain, for core to default', () => {
    expect(parseCommandLine(args('train'))).not.toHaveProperty('explain');
  });

  it('makes --quick a small run whose explicit flags still win', () => {
    const quick = parseCommandLine(args('train --quick --model dense --epochs 5'));
    expect(quick).toMatchObject({ config: { limit: QUICK_TRAINING.limit, epochs: 5 } });
  });

  it('resumes a run by id, with --epochs as the new total', () => {
    expect(parseCommandLine(args('train --resume 20261126-010203-dense-adam --epochs 4'))).toEqual({
      name: 'resume',
      runId: '20261126-010203-dense-adam',
      epochs: 4,
      json: false,
    });
  });

  it.each([
    ['help', 'Usage: fashion-lab COMMAND [flags]'],
    ['', 'Usage: fashion-lab COMMAND [flags]'],
    ['--help', 'Usage: fashion-lab COMMAND [flags]'],
    ['help train', 'Usage: fashion-lab train [flags]'],
    ['train --help', 'Usage: fashion-lab train [flags]'],
    ['train --model dense --help', 'Usage: fashion-lab train [flags]'],
    ['study -h', 'Usage: fashion-lab study '],
    ['predict --help', 'Usage: fashion-lab predict RUN_ID (IMAGE.png | --index N) [flags]'],
  ])('"%s" asks for help: %s', (line, usage) => {
    expect(helpOf(line).startsWith(usage)).toBe(true);
  });

  it('gives the same help for "help COMMAND" and "COMMAND --help"', () => {
    for (const name of [
      'train',
      'study',
      'sweep',
      'worker',
      'runs',
      'summary',
      'evaluate',
      'predict',
    ]) {
      expect(helpOf(`help ${name}`)).toBe(helpOf(`${name} --help`));
    }
  });

  it('wraps help to the width it is given', () => {
    const command = parseCommandLine(['train', '--help'], { helpWidth: 120 });
    const lines = command.name === 'help' ? command.text.split('\n') : [];
    const flagLines = lines.filter((line) => line.startsWith('  --'));
    expect(Math.max(...flagLines.map((line) => line.length))).toBeGreaterThan(80);
    expect(Math.max(...flagLines.map((line) => line.length))).toBeLessThanOrEqual(120);
    for (const line of helpOf('train --help')
      .split('\n')
      .filter((l) => l.startsWith('  --'))) {
      expect(line.length).toBeLessThanOrEqual(80);
    }
  });

  it.each([
    ['study', { name: 'study', quick: false, json: false }],
    [
      'study --quick --file my.json --backend wasm --runs-dir r',
      { name: 'study', quick: true, file: 'my.json', backend: 'wasm', json: false, runsDir: 'r' },
    ],
    ['study --seeds 3 --quick', { name: 'study', quick: true, seeds: 3, json: false }],
    [
      'sweep --file s.json --quick --parallel 2',
      {
        name: 'sweep',
        action: { start: 's.json' },
        quick: true,
        parallel: 2,
        detach: false,
        json: false,
      },
    ],
    [
      'sweep --file s.json --queue redis://:pw@h:6379 --detach',
      {
        name: 'sweep',
        action: { start: 's.json' },
        quick: false,
        parallel: 1,
        queue: 'redis://:pw@h:6379',
        detach: true,
        json: false,
      },
    ],
    ['worker', { name: 'worker', concurrency: 1 }],
    [
      'worker --queue redis://h:6379 --concurrency 2 --runs-dir r --data-dir d',
      {
        name: 'worker',
        queue: 'redis://h:6379',
        concurrency: 2,
        runsDir: 'r',
        dataDir: 'd',
      },
    ],
    [
      'sweep --resume lr-1 --runs-dir r',
      {
        name: 'sweep',
        action: { resume: 'lr-1' },
        quick: false,
        parallel: 1,
        detach: false,
        json: false,
        runsDir: 'r',
      },
    ],
    [
      'sweep --status lr-1 --json',
      {
        name: 'sweep',
        action: { status: 'lr-1' },
        quick: false,
        parallel: 1,
        detach: false,
        json: true,
      },
    ],
    ['runs --json', { name: 'runs', json: true }],
    ['summary abc-1', { name: 'summary', runId: 'abc-1', json: false }],
    [
      'evaluate abc-1 --backend cpu',
      { name: 'evaluate', runId: 'abc-1', backend: 'cpu', json: false },
    ],
    [
      'predict abc-1 shirt.png',
      { name: 'predict', runId: 'abc-1', input: { image: 'shirt.png' }, json: false },
    ],
    [
      'predict abc-1 --index 17',
      { name: 'predict', runId: 'abc-1', input: { index: 17 }, json: false },
    ],
  ])('parses "%s"', (line, expected) => {
    expect(parseCommandLine(args(line))).toEqual(expected);
  });

  it.each([
    ['train --model resnet', /model/],
    ['train --optimizer adagrad', /optimizer/],
    ['train --epochs -1', /--epochs must be .*-1/],
    ['train --epochs 0', /--epochs/],
    ['train --epochs 2.5', /--epochs/],
    ['train --epochs many', /--epochs must be a number, got "many"/],
    ['train --lr 0', /--lr must be .*0/],
    ['train --lr -0.1', /--lr must be .*-0\.1/],
    ['train --batch-size 0', /--batch-size must be .*0/],
    ['train --validation-split 1', /--validation-split/],
    ['train --epochs', /--epochs needs a value/],
    ['train --model dense --tta flip', /--tta flip needs a model trained on mirrored images/],
    ['train --backend gpu', /^--backend must be one of 'auto', 'node', 'wasm', 'cpu', got "gpu"$/],
    ['train --frobnicate', /unknown option --frobnicate for "train"/],
    ['train extra', /unexpected argument "extra"/],
    ['train --resume abc --model dense', /--model cannot be combined with --resume/],
    ['train --resume abc --quick', /--quick cannot be combined with --resume/],
    ['train --resume ../etc', /"\.\.\/etc" is not a run id/],
    ['train --resume abc --epochs 0', /--epochs/],
    ['train --json=yes', /--json does not take a value/],
    ['fly', /unknown command "fly"/],
    ['help fly', /unknown command "fly"/],
    ['summary', /summary needs a run id/],
    ['summary a b', /unexpected argument "b"/],
    ['evaluate ../../x', /is not a run id/],
    ['predict abc', /predict needs an image file or --index N/],
    ['predict abc x.png --index 1', /predict needs an image file or --index N/],
    ['predict abc --index -1', /--index must be 0 or more, got -1/],
    ['predict abc --index x', /--index must be an integer, got "x"/],
    ['runs --model dense', /unknown option --model for "runs"/],
    ['sweep', /^sweep needs --file SPEC\.json, --resume SWEEP_ID or --status SWEEP_ID$/],
    ['sweep --file s.json --resume x', /^--file cannot be combined with --resume/],
    ['sweep --status x --quick', /^--quick cannot be combined with --status/],
    ['sweep --file s.json --parallel 0', /^--parallel must be a positive integer, got "0"$/],
    ['worker --concurrency 0', /^--concurrency must be a positive integer, got "0"$/],
    ['worker --json', /^unknown option --json for "worker"/],
    ['study --seeds two', /^--seeds must be a positive integer, got "two"$/],
    ['study --backend tpu', /^--backend must be one of 'auto', 'node', 'wasm', 'cpu', got "tpu"$/],
    ['train --augment maybe', /^--augment must be one of 'off', 'flip', 'full', got "maybe"$/],
    [
      'train --reduce-lr-on-plateau 0.5,2',
      /^--reduce-lr-on-plateau must be FACTOR,PATIENCE,MIN_LR/,
    ],
    ['train --data-dir', /^--data-dir needs a value$/],
    ['summary abc --runs-dir', /^--runs-dir needs a value$/],
    ['predict abc --index', /^--index needs a value$/],
    ['summary abc --frobnicate 3', /^unknown option --frobnicate for "summary"/],
    ['--frobnicate', /^unknown option --frobnicate \(see fashion-lab help\)$/],
  ])('rejects "%s" with one sentence', (line, message) => {
    const text = mistake(args(line));
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});

describe('one wording per mistake', () => {
  /** A subcommand with the run id or image it needs, so only the flag under test can be wrong. */
  const TAKING_BACKEND = ['train', 'study', 'evaluate abc', 'predict abc --index 1'];
  const EVERY_COMMAND = [...TAKING_BACKEND, 'runs', 'summary abc'];

  it.each([
    ['--backend gpu', TAKING_BACKEND],
    ['--backend', TAKING_BACKEND],
    ['--json=yes', EVERY_COMMAND],
    ['--runs-dir', EVERY_COMMAND],
  ])('"%s" gets the same sentence in every subcommand that takes it', (flags, commands) => {
    const sentences = commands.map((command) => mistake(args(`${command} ${flags}`)));
    expect(new Set(sentences).size).toBe(1);
  });

  it('names the subcommand an unknown flag was given to, in one wording', () => {
    for (const command of EVERY_COMMAND) {
      const name = command.split(' ')[0] ?? '';
      expect(mistake(args(`${command} --frobnicate`))).toBe(
        `unknown option --frobnicate for "${name}" (see fashion-lab help ${name})`,
      );
    }
  });
});

describe('the help of each subcommand', () => {
  const COMMON = ['--runs-dir', '--json', '--help'];
  const configFlags = CONFIG_FLAGS.map((spec) => spec.flag);
  /** Every flag each subcommand takes, as the README documents them. */
  const FLAGS: Record<string, { line: string; flags: string[] }> = {
    train: {
      line: 'train',
      flags: [...configFlags, '--quick', '--resume', '--explain', '--data-dir', ...COMMON],
    },
    study: {
      line: 'study',
      flags: ['--quick', '--file', '--seeds', '--explain', '--backend', '--data-dir', ...COMMON],
    },
    sweep: {
      line: 'sweep --status x',
      flags: [
        '--file',
        '--resume',
        '--status',
        '--quick',
        '--parallel',
        '--queue',
        '--detach',
        '--data-dir',
        ...COMMON,
      ],
    },
    worker: {
      line: 'worker',
      flags: ['--queue', '--concurrency', '--data-dir', '--runs-dir', '--help'],
    },
    runs: { line: 'runs', flags: COMMON },
    summary: { line: 'summary abc', flags: COMMON },
    evaluate: { line: 'evaluate abc', flags: ['--backend', '--data-dir', ...COMMON] },
    explain: { line: 'explain abc', flags: ['--backend', '--data-dir', ...COMMON] },
    predict: {
      line: 'predict abc x.png',
      flags: ['--index', '--backend', '--data-dir', ...COMMON],
    },
  };
  const everyFlag = [...new Set(Object.values(FLAGS).flatMap(({ flags }) => flags))];

  it.each(Object.entries(FLAGS))('lists every flag %s takes, and no other', (name, { flags }) => {
    expect([...helpEntries(helpOf(`${name} --help`)).keys()].sort()).toEqual([...flags].sort());
  });

  it.each(Object.entries(FLAGS))(
    'matches what %s accepts: every listed flag parses, every other is unknown',
    (name, { line }) => {
      const listed = helpEntries(helpOf(`${name} --help`));
      for (const flag of everyFlag) {
        let message = '';
        try {
          parseCommandLine([...args(line), flag]);
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message.startsWith('unknown option'), `${name} ${flag}: ${message}`).toBe(
          !listed.has(flag),
        );
      }
    },
  );

  it("lists every config flag in train's help with its value, choices and default", () => {
    const entries = helpEntries(helpOf('train --help'));
    for (const spec of CONFIG_FLAGS) {
      const entry = entries.get(spec.flag) ?? '';
      const value = spec.takes === 'value' ? spec.valueName : `[${spec.valueName}]`;
      expect(entry.startsWith(`${spec.flag} ${value} `), spec.flag).toBe(true);
      expect(entry).toContain(spec.description);
      for (const choice of spec.choices ?? []) expect(entry).toContain(choice);
      expect(entry).toMatch(/ Default: \S[^.]*.*\.$/);
    }
  });

  it.each([
    ['--seed', 'Default: 42.'],
    ['--validation-split', 'Default: 0.1.'],
    ['--model', 'Default: cnn-regularized.'],
    ['--backend', 'Default: auto.'],
    ['--epochs', "Default: the model's (see Models below)."],
    ['--limit', 'Default: every image.'],
  ])("gives %s's default in train's help: %s", (flag, text) => {
    expect(helpEntries(helpOf('train --help')).get(flag)).toContain(text);
  });
});

describe('the reproduce command of a run', () => {
  it.each<[string, TrainConfig]>([
    ['the default run', defaultConfig(undefined, { workers: 2 })],
    [
      'every option set',
      defaultConfig('dense', {
        optimizer: 'sgd',
        learningRate: 1e-7,
        momentum: 0.5,
        limit: 10,
        augment: 'full',
        tta: 'off',
        earlyStopping: { patience: 4, restoreBestWeights: false },
        reduceLrOnPlateau: { factor: 0.3, patience: 3, minLr: 0.0001 },
        workers: 1,
        backend: 'wasm',
        dataset: 'mnist',
      }),
    ],
    ['cnn-regularized without augmentation', defaultConfig('cnn-regularized', { augment: 'off' })],
    [
      'the default reduce-on-plateau and early stopping',
      defaultConfig('cnn', {
        earlyStopping: { patience: 3, restoreBestWeights: true },
        reduceLrOnPlateau: { factor: 0.5, patience: 2, minLr: 1e-5 },
        lrSchedule: 'constant',
      }),
    ],
  ])('trains the same config again through the CLI (%s)', (_, config) => {
    expect(parseCommandLine(['train', ...configToArgs(config)])).toEqual({
      name: 'train',
      config,
      json: false,
    });
  });
});
