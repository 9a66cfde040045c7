import { Box, Text } from 'ink';
import { formatDuration, formatLearningRate, formatPercent } from '../format.js';
import type { TrainingProgress } from '../training-progress.js';
import { barText } from './progress-bar.js';
import type { StudyEntry } from './tui-store.js';

const STATE_MARKS: Record<StudyEntry['state'], { mark: string; color?: string }> = {
  queued: { mark: '·' },
  running: { mark: '▶', color: 'cyan' },
  completed: { mark: '✓', color: 'green' },
  interrupted: { mark: '■', color: 'yellow' },
  failed: { mark: '✗', color: 'red' },
  skipped: { mark: '-' },
};

/** `dense    adam     lr 0.001`: which config a study row is. */
export function configLabel(entry: StudyEntry): string {
  const { config } = entry;
  return `${config.model.padEnd(16)}${config.optimizer.padEnd(9)}lr ${formatLearningRate(config.learningRate).padEnd(8)}`;
}

/** What a study row says after its config: accuracy when done, the live epoch while running. */
function stateText(entry: StudyEntry, progress: TrainingProgress): string {
  switch (entry.state) {
    case 'completed':
      return entry.summary
        ? `test acc ${formatPercent(entry.summary.testAcc)}  best val ${formatPercent(entry.summary.bestValAcc)}  ${formatDuration(entry.summary.seconds)}`
        : 'completed';
    case 'running': {
      const { filled, empty } = barText(progress.runFraction(), 16);
      return `epoch ${progress.epoch}/${progress.epochs} ${filled}${empty} ${Math.floor(progress.runFraction() * 100)}%`;
    }
    case 'failed':
      return `failed: ${entry.error ?? ''}`;
    default:
      return entry.state;
  }
}

/** Props of StudyOverview. */
export interface StudyOverviewProps {
  experiment: string;
  entries: readonly StudyEntry[];
  progress: TrainingProgress;
}

/** Every run of a study, queued / running / done with its accuracy, the current one highlighted. */
export function StudyOverview({ experiment, entries, progress }: StudyOverviewProps) {
  const done = entries.filter(
    (entry) => entry.state !== 'queued' && entry.state !== 'running',
  ).length;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text>
        <Text bold color="cyan">
          study
        </Text>{' '}
        <Text bold>{experiment}</Text>
        <Text dimColor>{`  ${done}/${entries.length} done`}</Text>
      </Text>
      {entries.map((entry, index) => {
        const { mark, color } = STATE_MARKS[entry.state];
        return (
          <Text
            key={index}
            {...(entry.state === 'queued' || entry.state === 'skipped' ? { dimColor: true } : {})}
          >
            <Text {...(color ? { color } : {})}>{mark}</Text> {configLabel(entry)}
            {stateText(entry, progress)}
          </Text>
        );
      })}
    </Box>
  );
}
