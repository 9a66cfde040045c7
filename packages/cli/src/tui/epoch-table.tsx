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

/** How the TUI marks a best row: printed once as it finishes, it is the best "so far". */
export const BEST_SO_FAR = 'best so far';

/** The column titles of the epoch table, as printed. */
export const EPOCH_TABLE_TITLES = cells(COLUMNS.map(([title]) => title));

/** The column titles of the epoch table. */
export function EpochTableHeader() {
  return <Text bold>{EPOCH_TABLE_TITLES}</Text>;
}

/** Props of EpochTableRow. */
export interface EpochTableRowProps {
  row: EpochRow;
  epochs: number;
  /** How a best row is marked: printed once as it finishes, it is the best "so far". */
  bestLabel?: string;
}

/**
 * One epoch's cells and, for a best row, its mark (printed after a space): what EpochTableRow
 * draws and what its printed width is measured from.
 */
export function epochRowText(
  row: EpochRow,
  epochs: number,
  bestLabel = 'best',
): { cells: string; mark: string | undefined } {
  return {
    cells: cells([
      `${row.epoch}/${epochs}`,
      formatMetric(row.loss),
      formatMetric(row.acc),
      formatMetric(row.valLoss),
      formatMetric(row.valAcc),
      formatLearningRate(row.lr),
      `${row.seconds.toFixed(1)}s`,
    ]),
    mark: row.best ? `★ ${bestLabel}` : undefined,
  };
}

/** One finished epoch; `best` (a new best validation accuracy) is marked in green. */
export function EpochTableRow({ row, epochs, bestLabel = 'best' }: EpochTableRowProps) {
  const text = epochRowText(row, epochs, bestLabel);
  return text.mark ? (
    <Text color="green">
      {text.cells} <Text bold>{text.mark}</Text>
    </Text>
  ) : (
    <Text>{text.cells}</Text>
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
