import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@fashion-lab/run';
import { defaultWorkerCount } from '@fashion-lab/core/node';
import { parseCommandLine, QUICK_TRAINING } from './parse-command-line.js';
import { UsageError } from './usage-error.js';

const args = (line: string): string[] => line.split(' ').filter((arg) => arg !== '');

describe('parseCommandLine', () => {
  it('trains the default model with its defaults and one worker per core when given no flags', () => {
    expect(parseCommandLine(['train'])).toEqual({
      name: 'train',
      config: defaultConfig(undefined, { workers: defaultWorkerCount() }),
      json: false,
    });
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

  it('takes the output and location flags of train', () => {
    expect(
      parseCommandLine(args('train --model dense --json --runs-dir /tmp/r --data-dir /tmp/d')),
    ).toMatchObject({ name: 'train', json: true, runsDir: '/tmp/r', dataDir: '/tmp/d' });
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
    ['help', { name: 'help' }],
    ['', { name: 'help' }],
    ['--help', { name: 'help' }],
    ['help train', { name: 'help', topic: 'train' }],
    ['train --help', { name: 'help', topic: 'train' }],
    ['study -h', { name: 'help', topic: 'study' }],
  ])('"%s" asks for help', (line, expected) => {
    expect(parseCommandLine(args(line))).toEqual(expected);
  });

  it.each([
    ['study', { name: 'study', quick: false, json: false }],
    [
      'study --quick --file my.json --backend wasm --runs-dir r',
      { name: 'study', quick: true, file: 'my.json', backend: 'wasm', json: false, runsDir: 'r' },
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
    ['train --backend gpu', /backend/],
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
    ['study --backend tpu', /unknown backend "tpu"/],
  ])('rejects "%s" with one sentence', (line, message) => {
    let error: unknown;
    try {
      parseCommandLine(args(line));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});
