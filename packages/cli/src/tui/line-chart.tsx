import { Box, Text } from 'ink';
import { paint } from './ansi.js';
import { brailleChart, valueRange, type ChartCell } from './braille-chart.js';

/** One line of a chart: its legend label, values (one per x step) and color. */
export interface ChartSeries {
  label: string;
  values: readonly number[];
  color: string;
}

/** Props of LineChart. */
export interface LineChartProps {
  title: string;
  series: readonly ChartSeries[];
  /** Plot size in character cells (the y labels take 8 more columns). */
  width: number;
  height: number;
  /** Labels under the first and last x positions, e.g. the first and last epoch. */
  xLabels?: [string, string];
  /** Force a y range, e.g. [0, 1] for accuracy. */
  range?: { min: number; max: number };
}

const LABEL_WIDTH = 7;

function axisLabel(value: number): string {
  const text =
    Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(Math.abs(value) >= 10 ? 1 : 3);
  return text.padStart(LABEL_WIDTH).slice(-LABEL_WIDTH);
}

/** One chart row as a string: consecutive cells of one series share one color code. */
export function paintRow(cells: readonly ChartCell[], series: readonly ChartSeries[]): string {
  let row = '';
  let span = '';
  let owner = -2;
  for (const cell of cells) {
    if (cell.series !== owner) {
      row += paint(span, series[owner]?.color);
      span = '';
      owner = cell.series;
    }
    span += cell.char;
  }
  return row + paint(span, series[owner]?.color);
}

/** A braille line chart with a y axis, a colored legend and optional x labels. */
export function LineChart({ title, series, width, height, xLabels, range }: LineChartProps) {
  const { min, max } = range ?? valueRange(series.map((line) => line.values));
  const rows = brailleChart(
    series.map((line) => line.values),
    { width, height, min, max },
  );
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{title}</Text>
        {series.map((line) => (
          <Text key={line.label} color={line.color}>
            {'  ━ '}
            {line.label}
          </Text>
        ))}
      </Text>
      {rows.map((cells, row) => (
        <Text key={row}>
          {paint(
            `${row === 0 ? axisLabel(max) : row === rows.length - 1 ? axisLabel(min) : ' '.repeat(LABEL_WIDTH)}┤`,
            'gray',
          ) + paintRow(cells, series)}
        </Text>
      ))}
      {xLabels && (
        <Text dimColor>
          {' '.repeat(LABEL_WIDTH + 1)}
          {xLabels[0].padEnd(Math.max(0, width - xLabels[1].length))}
          {xLabels[1]}
        </Text>
      )}
    </Box>
  );
}
