import { Box, Text } from 'ink';
import type { OutcomeLine } from '../outcome-lines.js';

const TONE_COLORS: Record<OutcomeLine['tone'], string | undefined> = {
  good: 'green',
  warn: 'yellow',
  bad: 'red',
  dim: undefined,
  plain: undefined,
};

/** The last words of a run: result, where it was saved, and what to run next. */
export function OutcomeFooter({
  lines,
  renderCost,
}: {
  lines: readonly OutcomeLine[];
  renderCost?: string;
}) {
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => {
        const color = TONE_COLORS[line.tone];
        return (
          <Text
            key={index}
            bold={index === 0}
            dimColor={line.tone === 'dim'}
            {...(color ? { color } : {})}
          >
            {line.text}
          </Text>
        );
      })}
      {renderCost ? <Text dimColor>{renderCost}</Text> : null}
    </Box>
  );
}
