import { describe, expect, it } from 'vitest';
import { metricsThroughEpoch } from './metrics-through-epoch.js';

const line = (value: object): string => `${JSON.stringify(value)}\n`;
const batch = (epoch: number, n: number) => line({ type: 'batch', epoch, batch: n });
const epoch = (n: number) => line({ type: 'epoch', epoch: n });

describe('metricsThroughEpoch', () => {
  it('drops the lines of epochs after the checkpoint, keeping the rest byte for byte', () => {
    const kept = batch(1, 1) + epoch(1) + batch(2, 1) + epoch(2);
    expect(metricsThroughEpoch(kept + batch(3, 1) + epoch(3) + batch(4, 1), 2)).toBe(kept);
  });

  it('keeps everything through the checkpoint of a completed run being extended', () => {
    const text = batch(1, 1) + epoch(1) + epoch(2);
    expect(metricsThroughEpoch(text, 2)).toBe(text);
  });

  it('drops everything for a resume from the initial weights (epoch 0)', () => {
    expect(metricsThroughEpoch(batch(1, 1) + epoch(1), 0)).toBe('');
  });

  it('drops a torn last line and keeps lines it cannot read', () => {
    const text = `${epoch(1)}garbage\n${line({ type: 'note' })}{"type":"batch","epo`;
    expect(metricsThroughEpoch(text, 1)).toBe(`${epoch(1)}garbage\n${line({ type: 'note' })}`);
  });

  it('has nothing to keep of an empty file', () => {
    expect(metricsThroughEpoch('', 3)).toBe('');
  });
});
