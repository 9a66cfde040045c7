import { Box, Text } from 'ink';
import { formatLearningRate, formatMetric } from '../format.js';
import type { EpochRow } from '../training-progress.js';

const COLUMNS = [
  ['epoch', 7],
  ['loss', 8],
  ['acc', 8],
  ['val loss', 9],
  ['val acc', 8],
  ['lr', 8],
  ['time', 7],
] as const;

function cells(values: string[]): string {
  return values.map((value, index) => value.padStart(COLUMNS[index]?.[1] ?? 8)).join(' ');
}

/** The column titles of the epoch table. */
export function EpochTableHeader() {
  return <Text bold>{cells(COLUMNS.map(([title]) => title))}</Text>;
}

/** Props of EpochTableRow. */
export interface EpochTableRowProps {
  row: EpochRow;
  epochs: number;
  /** How a best row is marked: printed once as it finishes, it is the best "so far". */
  bestLabel?: string;
}

/** One finished epoch; `best` (a new best validation accuracy) is marked in green. */
export function EpochTableRow({ row, epochs, bestLabel = 'best' }: EpochTableRowProps) {
  const text = cells([
    `${row.epoch}/${epochs}`,
    formatMetric(row.loss),
    formatMetric(row.acc),
    formatMetric(row.valLoss),
    formatMetric(row.valAcc),
    formatLearningRate(row.lr),
    `${row.seconds.toFixed(1)}s`,
  ]);
  return row.best ? (
    <Text color="green">
      {text} <Text bold>★ {bestLabel}</Text>
    </Text>
  ) : (
    <Text>{text}</Text>
  );
}

/** The whole epoch table, with the best epoch marked (the TUI prints rows one by one instead). */
export function EpochTable({ rows, epochs }: { rows: readonly EpochRow[]; epochs: number }) {
  return (
    <Box flexDirection="column">
      <EpochTableHeader />
      {rows.map((row) => (
        <EpochTableRow key={row.epoch} row={row} epochs={epochs} />
      ))}
    </Box>
  );
}
