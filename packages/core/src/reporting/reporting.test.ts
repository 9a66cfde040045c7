import { describe, expect, it } from 'vitest';
import type { Reporter, TrainingEvent } from '@fashion-lab/run';
import { combineReporters } from './combine-reporters.js';
import { toAsyncIterable } from './to-async-iterable.js';

const events: TrainingEvent[] = [
  { type: 'epoch-start', epoch: 1, epochs: 1 },
  { type: 'batch', epoch: 1, batch: 1, batches: 1, loss: 1, acc: 0.5, samplesPerSec: 10 },
  { type: 'epoch', epoch: 1, loss: 1, acc: 0.5, valLoss: 1, valAcc: 0.5, lr: 0.1, seconds: 1 },
  { type: 'checkpoint', epoch: 1 },
  { type: 'run-end', status: 'completed' },
];

/** Plays `events` to a reporter the way train's reporter chain does, with pauses between. */
async function play(reporter: Reporter, list = events): Promise<void> {
  for (const event of list) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (event.type === 'epoch-start') await reporter.onEpochStart?.(event);
    if (event.type === 'batch') await reporter.onBatchEnd?.(event);
    if (event.type === 'epoch') await reporter.onEpochEnd?.(event);
    if (event.type === 'checkpoint') await reporter.onCheckpoint?.(event, undefined as never);
    if (event.type === 'run-end') await reporter.onRunEnd?.(event, {});
    if (event.type === 'error') await reporter.onError?.(event);
  }
}

async function collect(iterable: AsyncIterable<TrainingEvent>): Promise<TrainingEvent[]> {
  const seen: TrainingEvent[] = [];
  for await (const event of iterable) seen.push(event);
  return seen;
}

describe('toAsyncIterable', () => {
  it('yields every event in order and ends when the run does', async () => {
    expect(await collect(toAsyncIterable((reporter) => play(reporter)))).toEqual(events);
  });

  it('ends at run-end when registration only hands the reporter over', async () => {
    let later: Promise<void> | undefined;
    const seen = await collect(
      toAsyncIterable((reporter) => {
        later = play(reporter);
      }),
    );
    expect(seen).toEqual(events);
    await later;
  });

  it('delivers the buffered events, then throws the error of the run', async () => {
    const iterable = toAsyncIterable(async (reporter) => {
      await play(reporter, events.slice(0, 2));
      throw new Error('disk full');
    });
    const seen: TrainingEvent[] = [];
    await expect(
      (async () => {
        for await (const event of iterable) seen.push(event);
      })(),
    ).rejects.toThrow('disk full');
    expect(seen).toEqual(events.slice(0, 2));
  });

  it('stops collecting when the consumer breaks out, without blocking the producer', async () => {
    let finished: Promise<void> | undefined;
    for await (const event of toAsyncIterable((reporter) => {
      finished = play(reporter);
    })) {
      expect(event.type).toBe('epoch-start');
      break;
    }
    await finished;
  });
});

describe('combineReporters', () => {
  it('calls every reporter for each hook, in list order, awaiting each', async () => {
    const log: string[] = [];
    const slow: Reporter = {
      async onEpochEnd(event) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`slow ${event.epoch}`);
      },
    };
    const fast: Reporter = {
      onEpochEnd: (event) => void log.push(`fast ${event.epoch}`),
      onRunEnd: () => void log.push('end'),
    };
    const combined = combineReporters(slow, fast);
    await play(combined, events.slice(2));
    expect(log).toEqual(['slow 1', 'fast 1', 'end']);
  });
});
