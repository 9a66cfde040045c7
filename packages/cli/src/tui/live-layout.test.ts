import { describe, expect, it } from 'vitest';
import { chartRows, fitCharts, fitLiveArea, PANEL_ROWS } from './live-layout.js';

describe('fitCharts', () => {
  it.each([
    // Full size: epoch charts of 6 plot rows (+ title and x labels) and a 3-row batch chart.
    { rows: 12, epoch: 6, batch: 3 },
    { rows: 20, epoch: 6, batch: 3 },
    // The batch-loss chart goes first...
    { rows: 11, epoch: 6, batch: 0 },
    { rows: 8, epoch: 6, batch: 0 },
    // ...then the epoch charts shrink, down to 3 plot rows...
    { rows: 7, epoch: 5, batch: 0 },
    { rows: 5, epoch: 3, batch: 0 },
    // ...and go.
    { rows: 4, epoch: 0, batch: 0 },
    { rows: -3, epoch: 0, batch: 0 },
  ])('gives $rows rows to epoch charts of $epoch and a batch chart of $batch', (row) => {
    const heights = fitCharts(row.rows, true);
    expect(heights).toEqual({ epochChartHeight: row.epoch, batchChartHeight: row.batch });
    expect(chartRows(heights, true)).toBeLessThanOrEqual(Math.max(0, row.rows));
  });

  it('keeps the batch chart longer before the first epoch, when the epoch charts are one line', () => {
    expect(fitCharts(5, false)).toEqual({ epochChartHeight: 6, batchChartHeight: 3 });
    expect(chartRows(fitCharts(5, false), false)).toBe(5);
    expect(fitCharts(4, false)).toEqual({ epochChartHeight: 6, batchChartHeight: 0 });
  });
});

describe('fitLiveArea', () => {
  it('puts a blank line, the charts and the panel in the rows it has', () => {
    const layout = fitLiveArea(14, true);
    expect(layout).toEqual({
      gap: true,
      runIdLine: false,
      epochChartHeight: 6,
      batchChartHeight: 0,
    });
    expect(1 + chartRows(layout, true) + PANEL_ROWS).toBeLessThanOrEqual(14);
  });

  it('keeps only the panel when the charts do not fit, dropping the blank line last', () => {
    expect(fitLiveArea(PANEL_ROWS + 1, true)).toMatchObject({ gap: true, epochChartHeight: 0 });
    expect(fitLiveArea(PANEL_ROWS, true)).toMatchObject({ gap: false, runIdLine: false });
  });

  it('shows the run id line once not even the panel fits under the printed rows', () => {
    expect(fitLiveArea(PANEL_ROWS - 1, true)).toEqual({
      gap: false,
      runIdLine: true,
      epochChartHeight: 0,
      batchChartHeight: 0,
    });
    expect(fitLiveArea(-20, true).runIdLine).toBe(true);
  });

  it('draws everything when the terminal has no height to fit (not a terminal)', () => {
    expect(fitLiveArea(Infinity, true)).toEqual({
      gap: true,
      runIdLine: false,
      epochChartHeight: 6,
      batchChartHeight: 3,
    });
  });
});
