/** Plot rows of the two kinds of chart: loss and accuracy by epoch, and the batch loss (0: hidden). */
export interface ChartHeights {
  epochChartHeight: number;
  batchChartHeight: number;
}

/** What the training screen's live area shows, sized to the rows it has. */
export interface LiveLayout extends ChartHeights {
  /** A blank line between the printed epoch table and the charts. */
  gap: boolean;
  /** The run id and model in one line: the header is scrolling out of the terminal. */
  runIdLine: boolean;
}

/** Chart sizes from the largest down: the batch-loss chart goes first, then the epoch charts shrink. */
const CHART_SIZES: readonly ChartHeights[] = [
  { epochChartHeight: 6, batchChartHeight: 3 },
  { epochChartHeight: 6, batchChartHeight: 0 },
  { epochChartHeight: 5, batchChartHeight: 0 },
  { epochChartHeight: 4, batchChartHeight: 0 },
  { epochChartHeight: 3, batchChartHeight: 0 },
];

const NO_CHARTS: ChartHeights = { epochChartHeight: 0, batchChartHeight: 0 };

/** The progress panel under the charts: two bars, the speed line and the key hint. */
export const PANEL_ROWS = 4;

/**
 * Terminal rows the charts take: each plot with its title line, the epoch charts with their x
 * labels too; before the first epoch ends they are a one-line note.
 */
export function chartRows(heights: ChartHeights, hasEpochRows: boolean): number {
  const epoch =
    heights.epochChartHeight === 0 ? 0 : hasEpochRows ? heights.epochChartHeight + 2 : 1;
  const batch = heights.batchChartHeight === 0 ? 0 : heights.batchChartHeight + 1;
  return epoch + batch;
}

/** The largest charts that fit in `rows` terminal rows (none when not even the smallest does). */
export function fitCharts(rows: number, hasEpochRows: boolean): ChartHeights {
  return CHART_SIZES.find((heights) => chartRows(heights, hasEpochRows) <= rows) ?? NO_CHARTS;
}

/**
 * The live area for `rows` free terminal rows (under what is printed, above the cursor's line):
 * the charts shrink first; when not even the panel fits, the header is scrolling away, and one
 * line with the run id and model takes its place.
 */
export function fitLiveArea(rows: number, hasEpochRows: boolean): LiveLayout {
  if (rows >= PANEL_ROWS + 1) {
    return { gap: true, runIdLine: false, ...fitCharts(rows - PANEL_ROWS - 1, hasEpochRows) };
  }
  return { gap: false, runIdLine: rows < PANEL_ROWS, ...NO_CHARTS };
}
