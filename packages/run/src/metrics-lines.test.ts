import { describe, expect, it } from 'vitest';
import { parseMetricsLines } from './metrics-lines.js';

const epoch = {
  type: 'epoch',
  epoch: 1,
  loss: 0.5,
  acc: 0.8,
  valLoss: 0.45,
  valAcc: 0.82,
  lr: 0.001,
  seconds: 10,
};
const batch = {
  type: 'batch',
  epoch: 1,
  batch: 40,
  batches: 422,
  loss: 0.6,
  acc: 0.75,
  samplesPerSec: 2300,
};

describe('parseMetricsLines', () => {
  it('parses epoch and batch lines in order', () => {
    const text = `${JSON.stringify(batch)}\n${JSON.stringify(epoch)}\n`;
    expect(parseMetricsLines(text, 'm.jsonl')).toEqual({ lines: [batch, epoch], skipped: [] });
  });

  it('skips and reports a torn last line', () => {
    const text = `${JSON.stringify(epoch)}\n${JSON.stringify(batch).slice(0, 20)}`;
    const { lines, skipped } = parseMetricsLines(text, 'm.jsonl');
    expect(lines).toEqual([epoch]);
    expect(skipped).toEqual([{ line: 2, reason: 'm.jsonl:2: torn last line (incomplete write)' }]);
  });

  it('skips and reports invalid lines in the middle, keeping the rest', () => {
    const text = [
      JSON.stringify(epoch),
      'garbage',
      JSON.stringify({ ...batch, batch: 0 }),
      JSON.stringify({ type: 'note' }),
      JSON.stringify({ ...batch, epoch: 2 }),
      '',
    ].join('\n');
    const { lines, skipped } = parseMetricsLines(text, 'm.jsonl');
    expect(lines).toEqual([epoch, { ...batch, epoch: 2 }]);
    expect(skipped).toEqual([
      { line: 2, reason: 'm.jsonl:2: not valid JSON' },
      { line: 3, reason: 'm.jsonl:3: batch must be a positive integer, got 0' },
      { line: 4, reason: "m.jsonl:4: type must be one of 'epoch', 'batch', got \"note\"" },
    ]);
  });

  it('reads an epoch an older build wrote twice (resumed without cutting) with the last one', () => {
    const again = { ...epoch, loss: 0.4 };
    const text = [batch, epoch, batch, again, { ...epoch, epoch: 2 }]
      .map((line) => `${JSON.stringify(line)}\n`)
      .join('');
    expect(parseMetricsLines(text, 'm.jsonl').lines).toEqual([
      batch,
      again,
      { ...epoch, epoch: 2 },
    ]);
  });

  it('reads a diverged loss written as null as NaN', () => {
    const { lines } = parseMetricsLines(`${JSON.stringify({ ...epoch, loss: null })}\n`, 'm.jsonl');
    expect(lines[0]!.loss).toBeNaN();
  });

  it('has nothing to say about empty text', () => {
    expect(parseMetricsLines('', 'm.jsonl')).toEqual({ lines: [], skipped: [] });
  });
});
