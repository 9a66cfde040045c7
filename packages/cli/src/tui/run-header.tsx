import { Box, Text } from 'ink';
import { describeAugmentation } from '@fashion-lab/core';
import { type RunStartEvent } from '@fashion-lab/run';
import { formatCount, formatLearningRate } from '../format.js';

/**
 * The run at a glance: id, model and size, optimizer and rate, the backend actually in use (and
 * how many training workers share it) and the dataset split. Short lines, so it fits an 80-column terminal.
 */
export function RunHeader({ start }: { start: RunStartEvent }) {
  const { config } = start;
  return (
    <Box borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text>
        <Text bold color="cyan">
          fashion-lab
        </Text>{' '}
        <Text bold>{start.runId}</Text>
        {start.startEpoch > 1 ? (
          <Text color="yellow">{`  resumed at epoch ${start.startEpoch}`}</Text>
        ) : null}
      </Text>
      {start.experiment ? <Text dimColor>experiment {start.experiment}</Text> : null}
      <Text>
        model <Text bold>{config.model}</Text> ({formatCount(start.params)} params) ·{' '}
        {config.epochs === 1 ? '1 epoch' : `${config.epochs} epochs`} · batch {config.batchSize}
      </Text>
      <Text>
        optimizer <Text bold>{config.optimizer}</Text> lr {formatLearningRate(config.learningRate)}
        {config.lrSchedule === 'cosine' ? ' cosine' : ''} · backend{' '}
        <Text bold>{start.backend}</Text>
        {config.workers > 1 ? ` × ${config.workers} workers` : ''}
      </Text>
      <Text>
        {config.dataset}: {formatCount(start.trainCount)} train /{' '}
        {formatCount(start.validationCount)} val / {formatCount(start.testCount)} test
        {describeAugmentation(config).map((phrase) => ` · ${phrase}`)}
      </Text>
    </Box>
  );
}
