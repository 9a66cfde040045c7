import { describe, expect, it } from 'vitest';
import { brailleChart, downsample, valueRange } from './braille-chart.js';

const text = (rows: ReturnType<typeof brailleChart>): string[] =>
  rows.map((cells) => cells.map((cell) => cell.char).join(''));

describe('brailleChart', () => {
  it('draws a rising line from the bottom-left dot to the top-right dot', () => {
    const rows = brailleChart([[0, 1]], { width: 2, height: 1 });
    // 4x4 dots: (0,3) (1,2) | (2,1) (3,0): cell 0 lights its dots 7 and 6, cell 1 its dots 2 and 4.
    expect(text(rows)).toEqual([String.fromCharCode(0x2800 + 0x40 + 0x20, 0x2800 + 0x02 + 0x08)]);
  });

  it('leaves cells no series touches blank and unowned', () => {
    const rows = brailleChart([[0.5]], { width: 3, height: 2, min: 0, max: 1 });
    expect(rows.flat().filter((cell) => cell.series === 0)).toHaveLength(1);
    expect(rows[1]![2]).toEqual({ char: ' ', series: -1 });
  });

  it('gives a cell to the last series drawn through it', () => {
    const rows = brailleChart(
      [
        [0, 0],
        [0, 0],
      ],
      { width: 2, height: 1, min: 0, max: 1 },
    );
    expect(rows[0]!.map((cell) => cell.series)).toEqual([1, 1]);
  });

  it('skips non-finite values, breaking the line there', () => {
    const rows = brailleChart([[1, Number.NaN, 1]], { width: 3, height: 1, min: 0, max: 1 });
    expect(rows[0]!.map((cell) => cell.series)).toEqual([0, -1, 0]);
  });
});

describe('valueRange', () => {
  it.each([
    { series: [[1, 3], [2]], expected: { min: 1, max: 3 } },
    { series: [[2, 2]], expected: { min: 1.5, max: 2.5 } },
    { series: [[Number.NaN]], expected: { min: 0, max: 1 } },
    { series: [], expected: { min: 0, max: 1 } },
  ])('of $series is $expected', ({ series, expected }) => {
    expect(valueRange(series)).toEqual(expected);
  });
});

describe('downsample', () => {
  it('averages into buckets when there are more values than points', () => {
    expect(downsample([1, 3, 5, 7], 2)).toEqual([2, 6]);
  });

  it('keeps a short series as it is', () => {
    expect(downsample([1, 2], 5)).toEqual([1, 2]);
  });
});
