import { describe, expect, it } from 'vitest';
import { fakeEpoch, fakeRunEvents, fakeRunStart } from './fake-run.test-support.js';
import { TrainingProgress } from './training-progress.js';

function progressAfter(events = fakeRunEvents(), clock = { now: 0 }): TrainingProgress {
  const progress = new TrainingProgress(() => clock.now);
  for (const event of events) {
    progress.apply(event);
    clock.now += 100;
  }
  return progress;
}

describe('TrainingProgress', () => {
  it('marks the epoch with the best validation accuracy as best', () => {
    const progress = progressAfter();
    expect(progress.rows.map((row) => row.best)).toEqual([false, true, false]);
    expect(progress.bestEpoch).toBe(2);
  });

  it('counts the run fraction over all epochs and the epoch fraction over batches', () => {
    const events = fakeRunEvents(2).slice(0, -4); // epoch 2 after its first two batches
    const progress = progressAfter(events);
    expect(progress.epoch).toBe(2);
    expect(progress.epochFraction()).toBe(0.5);
    expect(progress.runFraction()).toBeCloseTo(6 / 12);
  });

  it('estimates the time left from the pace of the batches so far', () => {
    const clock = { now: 0 };
    const progress = new TrainingProgress(() => clock.now);
    progress.apply(fakeRunStart());
    progress.apply({ type: 'epoch-start', epoch: 1, epochs: 3 });
    for (let batch = 1; batch <= 4; batch++) {
      clock.now += 1000;
      progress.apply({
        type: 'batch',
        epoch: 1,
        batch,
        batches: 4,
        loss: 1,
        acc: 0.5,
        samplesPerSec: 100,
      });
    }
    // 4 batches in 4 s, 8 left.
    expect(progress.etaSeconds()).toBeCloseTo(8);
  });

  it('has no estimate before a few batches or after the end', () => {
    const progress = progressAfter(fakeRunEvents(0));
    expect(progress.etaSeconds()).toBeUndefined();
    const ended = progressAfter([...fakeRunEvents(3), { type: 'run-end', status: 'completed' }]);
    expect(ended.etaSeconds()).toBeUndefined();
  });

  it('smooths the batch loss into one point per batch', () => {
    const progress = progressAfter(fakeRunEvents(1));
    expect(progress.smoothedBatchLoss).toHaveLength(4);
    // An average moves toward, but stays above, a falling loss.
    expect(progress.smoothedBatchLoss[3]).toBeGreaterThan(2 / 8);
  });

  it('starts a resumed run at its start epoch with the earlier epochs counted as done', () => {
    const progress = progressAfter([fakeRunStart({ startEpoch: 3 })]);
    expect(progress.epoch).toBe(3);
    expect(progress.checkpointEpoch).toBe(2);
    expect(progress.runFraction()).toBeCloseTo(2 / 3);
  });

  it("puts a resumed run's earlier epochs first, so best is the best of the whole run", () => {
    const progress = new TrainingProgress(() => 0);
    // Epoch 3 was logged but not checkpointed: the resume trains it again.
    progress.setHistory([fakeEpoch(1), fakeEpoch(2), fakeEpoch(3)]);
    progress.apply(fakeRunStart({ startEpoch: 3 }));
    expect(progress.rows.map((row) => row.epoch)).toEqual([1, 2]);
    progress.apply({ ...fakeEpoch(3), valAcc: 0.81 });
    expect(progress.rows.map((row) => row.best)).toEqual([false, true, false]);
    expect(progress.bestEpoch).toBe(2);
  });

  it('ignores a non-finite batch loss in the smoothed line', () => {
    const progress = progressAfter([
      fakeRunStart(),
      { type: 'batch', epoch: 1, batch: 1, batches: 4, loss: Number.NaN, acc: 0, samplesPerSec: 1 },
    ]);
    expect(progress.smoothedBatchLoss).toEqual([]);
  });
});
