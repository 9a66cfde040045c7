import { Box, Text } from 'ink';
import { describeAugmentation } from '@fashion-lab/core';
import { type RunStartEvent } from '@fashion-lab/run';
import { formatCount, formatLearningRate } from '../format.js';
import { wrappedRows } from './wrapped-rows.js';

/** A run of text in one style; a header line is a list of them. */
export interface HeaderSegment {
  text: string;
  bold?: boolean;
  color?: string;
  dimColor?: boolean;
}

/** "fashion-lab <run id>": the line that names the run. */
function runIdLine(start: RunStartEvent): HeaderSegment[] {
  return [
    { text: 'fashion-lab', bold: true, color: 'cyan' },
    { text: ' ' },
    { text: start.runId, bold: true },
  ];
}

/**
 * The header's lines as styled segments: what RunHeader draws and what its height is measured
 * from, so the two never disagree.
 */
export function runHeaderLines(start: RunStartEvent): HeaderSegment[][] {
  const { config } = start;
  return [
    [
      ...runIdLine(start),
      ...(start.startEpoch > 1
        ? [{ text: `  resumed at epoch ${start.startEpoch}`, color: 'yellow' }]
        : []),
    ],
    ...(start.experiment ? [[{ text: `experiment ${start.experiment}`, dimColor: true }]] : []),
    [
      { text: 'model ' },
      { text: config.model, bold: true },
      {
        text:
          ` (${formatCount(start.params)} params) · ` +
          `${config.epochs === 1 ? '1 epoch' : `${config.epochs} epochs`} · batch ${config.batchSize}`,
      },
    ],
    [
      { text: 'optimizer ' },
      { text: config.optimizer, bold: true },
      {
        text:
          ` lr ${formatLearningRate(config.learningRate)}` +
          `${config.lrSchedule === 'cosine' ? ' cosine' : ''} · backend `,
      },
      { text: start.backend, bold: true },
      { text: config.workers > 1 ? ` × ${config.workers} workers` : '' },
    ],
    [
      {
        text:
          `${config.dataset}: ${formatCount(start.trainCount)} train / ` +
          `${formatCount(start.validationCount)} val / ${formatCount(start.testCount)} test` +
          describeAugmentation(config)
            .map((phrase) => ` · ${phrase}`)
            .join(''),
      },
    ],
  ];
}

/** Terminal rows the header box takes on a terminal `columns` wide: its lines as wrapped, and the border. */
export function runHeaderRows(start: RunStartEvent, columns: number): number {
  // Border and padding take two columns on each side.
  const textWidth = columns - 4;
  const lines = runHeaderLines(start).map((line) => line.map((segment) => segment.text).join(''));
  return 2 + lines.reduce((rows, line) => rows + wrappedRows(line, textWidth), 0);
}

/** One header line drawn from its segments. */
export function HeaderLine({ segments }: { segments: readonly HeaderSegment[] }) {
  return (
    <Text>
      {segments.map((segment, index) => (
        <Text
          key={index}
          {...(segment.bold ? { bold: true } : {})}
          {...(segment.color ? { color: segment.color } : {})}
          {...(segment.dimColor ? { dimColor: true } : {})}
        >
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}

/**
 * The run at a glance: id, model and size, optimizer and rate, the backend actually in use (and
 * how many training workers share it) and the dataset split. Short lines, so it fits an 80-column terminal.
 */
export function RunHeader({ start }: { start: RunStartEvent }) {
  return (
    <Box borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      {runHeaderLines(start).map((segments, index) => (
        <HeaderLine key={index} segments={segments} />
      ))}
    </Box>
  );
}

/**
 * The run id and model in one line, for the live area once the header has scrolled out of a
 * short terminal, so the screen still says which run it shows.
 */
export function RunIdLine({ start }: { start: RunStartEvent }) {
  return (
    <HeaderLine
      segments={[
        ...runIdLine(start),
        { text: ' · model ' },
        { text: start.config.model, bold: true },
        { text: ` · ${start.config.optimizer}` },
      ]}
    />
  );
}
