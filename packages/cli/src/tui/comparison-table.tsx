import { Box, Text } from 'ink';
import { comparisonRows } from '@fashion-lab/run';
import { formatDuration, formatLearningRate, formatPercent } from '../format.js';
import { textTable } from '../text-table.js';
import type { StudyEntry } from './tui-store.js';

const optional = (value: number | undefined, format: (value: number) => string): string =>
  value === undefined ? '' : format(value);

/**
 * The comparison of a study's runs as plain lines (shared by the TUI and the plain output): core's
 * comparisonRows for every run that was saved, the state for one that never started.
 */
export function comparisonLines(entries: readonly StudyEntry[]): {
  lines: string[];
  bestRow: number;
} {
  const rows = entries.map((entry) =>
    entry.run ? comparisonRows([{ run: entry.run }])[0] : undefined,
  );
  const accuracies = rows.map((row) => row?.testAcc ?? -1);
  const best = Math.max(...accuracies);
  const bestRow = best >= 0 ? accuracies.indexOf(best) : -1;
  // Narrow enough for 80 columns: the run ids are in the log printed above the table.
  const lines = textTable(
    ['model', 'optimizer', 'lr', 'best val', 'test acc', 'test loss', 'time'],
    entries.map((entry, index) => {
      const row = rows[index];
      return [
        entry.config.model,
        entry.config.optimizer,
        formatLearningRate(entry.config.learningRate),
        optional(row?.bestValAcc, (acc) => formatPercent(acc)),
        row?.testAcc === undefined ? (row?.status ?? entry.state) : formatPercent(row.testAcc),
        optional(row?.testLoss, (loss) => loss.toFixed(4)),
        optional(row?.seconds, formatDuration),
      ];
    }),
    ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
  );
  return { lines, bestRow };
}

/** The study's final table: one row per run, the best test accuracy marked. */
export function ComparisonTable({ entries }: { entries: readonly StudyEntry[] }) {
  const { lines, bestRow } = comparisonLines(entries);
  const [header = '', ...rows] = lines;
  return (
    <Box flexDirection="column">
      <Text bold>{header}</Text>
      {rows.map((row, index) =>
        index === bestRow ? (
          <Text key={index} color="green">
            {row} <Text bold>★</Text>
          </Text>
        ) : (
          <Text key={index}>{row}</Text>
        ),
      )}
    </Box>
  );
}
