import { Box, Text } from 'ink';
import { formatCount, formatDuration } from '../format.js';
import type { TrainingProgress } from '../training-progress.js';
import { ProgressBar } from './progress-bar.js';

/** Props of ProgressPanel. */
export interface ProgressPanelProps {
  progress: TrainingProgress;
  /** Terminal columns available. */
  width: number;
}

/** The bars for the current epoch and the whole run, with samples/s, elapsed time and ETA. */
export function ProgressPanel({ progress, width }: ProgressPanelProps) {
  const epochLabel = `epoch ${progress.epoch}/${progress.epochs}`;
  const labelWidth = Math.max(epochLabel.length, 'run'.length);
  const batchDetail = `batch ${progress.batch}/${progress.batches}`;
  const barWidth = Math.max(10, width - labelWidth - batchDetail.length - 10);
  const eta = progress.etaSeconds();
  return (
    <Box flexDirection="column">
      <ProgressBar
        label={epochLabel.padEnd(labelWidth)}
        fraction={progress.epochFraction()}
        width={barWidth}
        detail={batchDetail}
      />
      <ProgressBar
        label={'run'.padEnd(labelWidth)}
        fraction={progress.runFraction()}
        width={barWidth}
        color="green"
        detail={`ETA ${eta === undefined ? '--' : formatDuration(eta)}`}
      />
      <Text dimColor>
        {formatCount(progress.samplesPerSec)} samples/s · elapsed{' '}
        {formatDuration(progress.elapsedSeconds())}
        {progress.lastLoss !== undefined ? ` · batch loss ${progress.lastLoss.toFixed(4)}` : ''}
      </Text>
    </Box>
  );
}
