import { Box, Text } from 'ink';

/** Props of ConfusionMatrix. */
export interface ConfusionMatrixProps {
  /** confusion[true][predicted] counts. */
  confusion: readonly (readonly number[])[];
  classNames: readonly string[];
}

const CELL_WIDTH = 6;

/** A short column title for a class name: `T-shirt/top` -> `T-sh`, `Ankle boot` -> `Ankl`. */
export function shortClassName(name: string): string {
  return name.length <= 5 ? name : name.slice(0, 4);
}

/**
 * The color of one cell: the diagonal green, mistakes by their share of the true class
 * (red from 5%, yellow from 1%), empty cells dim.
 */
export function cellColor(count: number, rowTotal: number, diagonal: boolean): string | undefined {
  if (count === 0) return undefined;
  if (diagonal) return 'green';
  const share = rowTotal > 0 ? count / rowTotal : 0;
  if (share >= 0.05) return 'red';
  if (share >= 0.01) return 'yellow';
  return 'white';
}

/** The test-set confusion matrix: rows are true classes, columns predictions, colored by share. */
export function ConfusionMatrix({ confusion, classNames }: ConfusionMatrixProps) {
  const labelWidth =
    Math.max(...classNames.map((name) => name.length), 'true \\ predicted'.length - 4) + 1;
  return (
    <Box flexDirection="column">
      <Text bold>
        {'true \\ pred'.padEnd(labelWidth)}
        {classNames.map((name) => shortClassName(name).padStart(CELL_WIDTH)).join('')}
      </Text>
      {confusion.map((row, label) => {
        const total = row.reduce((sum, count) => sum + count, 0);
        return (
          <Text key={label}>
            <Text bold>{(classNames[label] ?? String(label)).padEnd(labelWidth)}</Text>
            {row.map((count, predicted) => {
              const color = cellColor(count, total, label === predicted);
              const text = (count === 0 ? '·' : String(count)).padStart(CELL_WIDTH);
              return color ? (
                <Text key={predicted} color={color} bold={label === predicted}>
                  {text}
                </Text>
              ) : (
                <Text key={predicted} dimColor>
                  {text}
                </Text>
              );
            })}
          </Text>
        );
      })}
    </Box>
  );
}
