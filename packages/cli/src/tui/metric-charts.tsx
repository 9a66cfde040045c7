import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { EpochRow } from '../training-progress.js';
import { downsample } from './braille-chart.js';
import { LineChart } from './line-chart.js';

/** Props of MetricCharts. */
export interface MetricChartsProps {
  rows: readonly EpochRow[];
  smoothedBatchLoss: readonly number[];
  /** Terminal columns and rows the charts may use. */
  width: number;
  height: number;
}

const AXIS_WIDTH = 8;

/**
 * Loss and accuracy by epoch (train and validation) side by side, and the smoothed per-batch
 * loss under them. Shrinks to fit; below a few rows only the batch loss line is kept.
 */
export function MetricCharts({ rows, smoothedBatchLoss, width, height }: MetricChartsProps) {
  const epochs = rows.map((row) => row.epoch);
  const xLabels: [string, string] | undefined =
    epochs.length > 0
      ? [`epoch ${epochs[0]}`, epochs.length > 1 ? `${epochs.at(-1)}` : '']
      : undefined;
  const sideBySide = width >= 2 * (AXIS_WIDTH + 16) + 2;
  const epochChartWidth = sideBySide
    ? Math.floor((width - 2) / 2) - AXIS_WIDTH
    : width - AXIS_WIDTH;
  const batchHeight = height >= 14 ? 3 : 2;
  const epochHeight = Math.min(6, height - batchHeight - 4);
  const batchWidth = Math.max(10, width - AXIS_WIDTH);
  const batchLoss = downsample(smoothedBatchLoss, batchWidth * 2);
  // The epoch charts change only when an epoch ends: the same element lets React skip them.
  const epochCharts = useMemo(
    () =>
      epochHeight >= 3 &&
      (rows.length === 0 ? (
        <Text dimColor>loss and accuracy by epoch: drawn from the end of epoch 1</Text>
      ) : (
        <Box flexDirection={sideBySide ? 'row' : 'column'} columnGap={2}>
          <LineChart
            title="loss"
            width={epochChartWidth}
            height={epochHeight}
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
              height={epochHeight}
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
    [rows.length, epochChartWidth, epochHeight, sideBySide],
  );
  return (
    <Box flexDirection="column">
      {epochCharts}
      <LineChart
        title="batch loss (smoothed)"
        width={batchWidth}
        height={batchHeight}
        series={[{ label: 'train', values: batchLoss, color: 'yellow' }]}
      />
    </Box>
  );
}
