import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { EpochRow } from '../training-progress.js';
import { downsample } from './braille-chart.js';
import { LineChart } from './line-chart.js';
import type { ChartHeights } from './live-layout.js';

/** Props of MetricCharts. */
export interface MetricChartsProps extends ChartHeights {
  rows: readonly EpochRow[];
  smoothedBatchLoss: readonly number[];
  /** Terminal columns the charts may use. */
  width: number;
}

const AXIS_WIDTH = 8;

/**
 * Loss and accuracy by epoch (train and validation) side by side, and the smoothed per-batch
 * loss under them, each at the plot height it is given (0 leaves it out: see fitCharts).
 */
export function MetricCharts({
  rows,
  smoothedBatchLoss,
  width,
  epochChartHeight,
  batchChartHeight,
}: MetricChartsProps) {
  const epochs = rows.map((row) => row.epoch);
  const xLabels: [string, string] | undefined =
    epochs.length > 0
      ? [`epoch ${epochs[0]}`, epochs.length > 1 ? `${epochs.at(-1)}` : '']
      : undefined;
  const sideBySide = width >= 2 * (AXIS_WIDTH + 16) + 2;
  const epochChartWidth = sideBySide
    ? Math.floor((width - 2) / 2) - AXIS_WIDTH
    : width - AXIS_WIDTH;
  const batchWidth = Math.max(10, width - AXIS_WIDTH);
  const batchLoss = batchChartHeight > 0 ? downsample(smoothedBatchLoss, batchWidth * 2) : [];
  // The epoch charts change only when an epoch ends: the same element lets React skip them.
  const epochCharts = useMemo(
    () =>
      epochChartHeight > 0 &&
      (rows.length === 0 ? (
        <Text dimColor>loss and accuracy by epoch: drawn from the end of epoch 1</Text>
      ) : (
        <Box flexDirection={sideBySide ? 'row' : 'column'} columnGap={2}>
          <LineChart
            title="loss"
            width={epochChartWidth}
            height={epochChartHeight}
            {...(xLabels ? { xLabels } : {})}
            series={[
              { label: 'train', values: rows.map((row) => row.loss), color: 'cyan' },
              { label: 'val', values: rows.map((row) => row.valLoss), color: 'magenta' },
            ]}
          />
          {sideBySide && (
            <LineChart
              title="accuracy"
              width={epochChartWidth}
              height={epochChartHeight}
              {...(xLabels ? { xLabels } : {})}
              series={[
                { label: 'train', values: rows.map((row) => row.acc), color: 'cyan' },
                { label: 'val', values: rows.map((row) => row.valAcc), color: 'magenta' },
              ]}
            />
          )}
        </Box>
      )),
    // `rows` only grows, so its length says when it changed.
    [rows.length, epochChartWidth, epochChartHeight, sideBySide],
  );
  return (
    <Box flexDirection="column">
      {epochCharts}
      {batchChartHeight > 0 && (
        <LineChart
          title="batch loss (smoothed)"
          width={batchWidth}
          height={batchChartHeight}
          series={[{ label: 'train', values: batchLoss, color: 'yellow' }]}
        />
      )}
    </Box>
  );
}
