import { Box, Text } from 'ink';
import { mostConfusedPairs } from '@fashion-lab/run';

/** Props of ConfusedPairs. */
export interface ConfusedPairsProps {
  confusion: number[][];
  classNames: readonly string[];
  top?: number;
}

/** The test images most often mistaken: `Shirt -> T-shirt/top  123 (12.3% of Shirt)`. */
export function ConfusedPairs({ confusion, classNames, top = 5 }: ConfusedPairsProps) {
  const pairs = mostConfusedPairs(confusion, top).filter((pair) => pair.count > 0);
  const name = (label: number): string => classNames[label] ?? String(label);
  const width = Math.max(
    0,
    ...pairs.map((pair) => name(pair.label).length + name(pair.predicted).length + 4),
  );
  return (
    <Box flexDirection="column">
      <Text bold>most confused (true → predicted)</Text>
      {pairs.length === 0 ? (
        <Text dimColor>no mistakes</Text>
      ) : (
        pairs.map((pair) => {
          const total = (confusion[pair.label] ?? []).reduce((sum, count) => sum + count, 0);
          const share =
            total > 0
              ? ` (${((pair.count / total) * 100).toFixed(1)}% of ${name(pair.label)})`
              : '';
          return (
            <Text key={`${pair.label}-${pair.predicted}`}>
              {`${name(pair.label)} → ${name(pair.predicted)}`.padEnd(width)}
              <Text color="red">{String(pair.count).padStart(6)}</Text>
              <Text dimColor>{share}</Text>
            </Text>
          );
        })
      )}
    </Box>
  );
}
