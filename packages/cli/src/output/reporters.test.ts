import { describe, expect, it } from 'vitest';
import type { RunEndEvent, TrainingEvent } from '@fashion-lab/run';
import {
  FAKE_RUN_ID,
  FAKE_CONFIG,
  fakeEvaluation,
  fakeRunEvents,
  fakeRunStart,
} from '../fake-run.test-support.js';
import { JsonReporter } from './json-reporter.js';
import { CollectingStream } from './line-sink.test-support.js';
import { PlainReporter, startLine } from './plain-reporter.js';

async function feed(
  reporter: PlainReporter | JsonReporter,
  events: TrainingEvent[],
): Promise<void> {
  for (const event of events) {
    if (event.type === 'run-start') await reporter.onRunStart(event);
    else if (event.type === 'epoch-start') await reporter.onEpochStart(event);
    else if (event.type === 'batch' && 'onBatchEnd' in reporter) await reporter.onBatchEnd(event);
    else if (event.type === 'epoch') await reporter.onEpochEnd(event);
    else if (event.type === 'checkpoint') await reporter.onCheckpoint(event);
    else if (event.type === 'run-end')
      await reporter.onRunEnd(event, { evaluation: fakeEvaluation() });
  }
}

const completed: RunEndEvent = {
  type: 'run-end',
  status: 'completed',
  summary: { testLoss: 0.4321, testAcc: 0.9, bestValAcc: 0.82, bestEpoch: 2, seconds: 65 },
};

describe('PlainReporter', () => {
  it('prints a start line, one line per epoch and the outcome, without escape codes', async () => {
    const out = new CollectingStream();
    await feed(new PlainReporter(out, '/runs'), [...fakeRunEvents(3), completed]);
    expect(out.text).not.toContain('\u001b');
    expect(out.lines()).toEqual([
      `run ${FAKE_RUN_ID}: dense (101,770 params), adam lr 0.001, batch 100, 3 epochs, backend cpu, 360 train / 40 val / 100 test images`,
      'epoch 1/3  loss 1.0000  acc 0.7000  val_loss 1.1000  val_acc 0.7000  lr 0.001  1.5s  best',
      'epoch 2/3  loss 0.5000  acc 0.8000  val_loss 0.5500  val_acc 0.8200  lr 0.001  1.5s  best',
      'epoch 3/3  loss 0.3333  acc 0.9000  val_loss 0.3667  val_acc 0.8000  lr 0.001  1.5s',
      'Test accuracy 90.00% · test loss 0.4321 · best epoch 2 (val acc 82.00%) · 1m05s',
      `Saved to /runs/${FAKE_RUN_ID}`,
      'View it:   npx nx run web:serve',
      'Report it: npx nx run report:build',
    ]);
  });

  it('says what test-time flips added to the test accuracy', async () => {
    const out = new CollectingStream();
    const withFlips: TrainingEvent = {
      type: 'run-end',
      status: 'completed',
      summary: { ...completed.summary!, testAccWithoutTta: 0.8875 },
    };
    await feed(new PlainReporter(out, '/runs'), [...fakeRunEvents(1), withFlips]);
    expect(out.lines()).toContain(
      'Test accuracy 90.00% (88.75% without test-time flips) · test loss 0.4321 · best epoch 2 (val acc 82.00%) · 1m05s',
    );
  });

  it('names a cosine schedule, augmentation and the worker count in the start line', () => {
    const line = startLine({
      ...fakeRunStart(),
      config: { ...FAKE_CONFIG, lrSchedule: 'cosine', augment: 'flip', tta: 'flip', workers: 2 },
    });
    expect(line).toContain(
      'adam lr 0.001 (cosine), batch 100, 3 epochs, augmented (flips), test-time flips, backend cpu x 2 workers,',
    );
  });

  it('tells how to resume an interrupted run', async () => {
    const out = new CollectingStream();
    await feed(new PlainReporter(out, '/runs', '[2/6] '), [
      ...fakeRunEvents(1),
      { type: 'run-end', status: 'interrupted' },
    ]);
    expect(out.lines().slice(-3)).toEqual([
      '[2/6] Stopped after epoch 1 of 3; the checkpoint is saved.',
      `[2/6] Saved to /runs/${FAKE_RUN_ID}`,
      `[2/6] Resume with: npx nx run cli:train -- --resume ${FAKE_RUN_ID}`,
    ]);
  });

  it('says why a run failed', async () => {
    const out = new CollectingStream();
    await feed(new PlainReporter(out, '/runs'), [
      ...fakeRunEvents(1),
      { type: 'run-end', status: 'failed', error: 'loss became NaN' },
    ]);
    expect(out.lines()).toContain('Failed: loss became NaN');
  });
});

describe('JsonReporter', () => {
  it('writes every event as one JSON line, batches included', async () => {
    const out = new CollectingStream();
    const events = [...fakeRunEvents(1), completed];
    await feed(new JsonReporter(out), events);
    const parsed = out.lines().map((line) => JSON.parse(line) as TrainingEvent);
    expect(parsed).toEqual(events);
    expect(parsed.filter((event) => event.type === 'batch')).toHaveLength(4);
  });

  it('writes a diverged loss as null, keeping each line valid JSON', () => {
    const out = new CollectingStream();
    new JsonReporter(out).onEpochEnd({
      type: 'epoch',
      epoch: 1,
      loss: Number.NaN,
      acc: 0.1,
      valLoss: Number.POSITIVE_INFINITY,
      valAcc: 0.1,
      lr: 0.1,
      seconds: 1,
    });
    expect(JSON.parse(out.text)).toMatchObject({ loss: null, valLoss: null });
  });
});

describe('resume command', () => {
  it('repeats the --runs-dir and --data-dir the user gave, quoted for the shell', async () => {
    const out = new CollectingStream();
    await feed(new PlainReporter(out, '/my runs', '', { runsDir: '/my runs', dataDir: 'data' }), [
      ...fakeRunEvents(1),
      { type: 'run-end', status: 'interrupted' },
    ]);
    expect(out.lines().at(-1)).toBe(
      `Resume with: npx nx run cli:train -- --resume ${FAKE_RUN_ID} --runs-dir '/my runs' --data-dir data`,
    );
  });
});
