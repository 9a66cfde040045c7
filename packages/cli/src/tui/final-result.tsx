import { Box, Text } from 'ink';
import type { Evaluation } from '@fashion-lab/run';
import { formatPercent } from '../format.js';
import type { OutcomeLine } from '../outcome-lines.js';
import { ConfusedPairs } from './confused-pairs.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { OutcomeFooter } from './outcome-footer.js';

/** Props of FinalResult. */
export interface FinalResultProps {
  evaluation: Evaluation | undefined;
  classNames: readonly string[];
  lines: readonly OutcomeLine[];
  renderCost?: string;
}

/** The end of a run: the test confusion matrix and worst mix-ups (when evaluated), then the outcome. */
export function FinalResult({ evaluation, classNames, lines, renderCost }: FinalResultProps) {
  return (
    <Box flexDirection="column" marginTop={1}>
      {evaluation && (
        <Box flexDirection="column" marginBottom={1}>
          <Text bold>
            test set: accuracy {formatPercent(evaluation.testAcc)} · loss{' '}
            {evaluation.testLoss.toFixed(4)}
          </Text>
          <ConfusionMatrix confusion={evaluation.confusion} classNames={classNames} />
          <Box marginTop={1}>
            <ConfusedPairs confusion={evaluation.confusion} classNames={classNames} />
          </Box>
        </Box>
      )}
      <OutcomeFooter lines={lines} {...(renderCost ? { renderCost } : {})} />
    </Box>
  );
}
