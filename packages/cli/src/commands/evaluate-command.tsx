import { evaluateModel, predictProbabilities } from '@fashion-lab/core';
import { type Evaluation } from '@fashion-lab/run';
import { loadRunModel, selectBackend } from '@fashion-lab/core/node';
import { readRun } from '@fashion-lab/run/node';
import { loadDataset } from '@fashion-lab/data/node';
import { Box, Text, renderToString } from 'ink';
import { classNamesFor } from '../class-names.js';
import type { CliIo } from '../cli-io.js';
import { formatCount, formatPercent } from '../format.js';
import type { Command } from '../command.js';
import { existingRunDir, runsDirOf } from '../run-location.js';
import { textTable } from '../text-table.js';
import { ConfusedPairs } from '../tui/confused-pairs.js';
import { ConfusionMatrix } from '../tui/confusion-matrix.js';

type EvaluateCommand = Extract<Command, { name: 'evaluate' }>;

/** Precision, recall and F1 of every class as aligned text. */
function perClassLines(evaluation: Evaluation, classNames: readonly string[]): string[] {
  return textTable(
    ['class', 'precision', 'recall', 'f1'],
    evaluation.perClass.map((row) => [
      classNames[row.label] ?? String(row.label),
      row.precision.toFixed(4),
      row.recall.toFixed(4),
      row.f1.toFixed(4),
    ]),
    ['left', 'right', 'right', 'right'],
  );
}

/**
 * `evaluate <runId>`: loads the run's saved model and measures it again on the full test set
 * (after a backend change, say), printing accuracy, the confusion matrix and per-class scores.
 */
export async function evaluateCommand(command: EvaluateCommand, io: CliIo): Promise<number> {
  const runDir = await existingRunDir(runsDirOf(command, io), command.runId);
  const run = await readRun(runDir);
  const backend = await selectBackend(command.backend ?? run.config.backend);
  const dataset = await loadDataset({
    dataset: run.config.dataset,
    ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
  });
  const model = await loadRunModel(runDir);
  let evaluation: Evaluation;
  try {
    // Predicted as training evaluated it: with the run's test-time flips, if it used them.
    evaluation = await evaluateModel(model, dataset.test, (set) =>
      predictProbabilities(model, set, { tta: run.config.tta }),
    );
  } finally {
    model.dispose();
  }
  if (command.json) {
    const { testLoss, testAcc, confusion, perClass } = evaluation;
    io.stdout.write(
      `${JSON.stringify({ runId: run.runId, backend, testCount: dataset.test.count, testLoss, testAcc, confusion, perClass })}\n`,
    );
    return 0;
  }
  const classNames = classNamesFor(run.config.dataset);
  const saved = run.summary
    ? ` (at the end of training: ${formatPercent(run.summary.testAcc)})`
    : '';
  const report = renderToString(
    <Box flexDirection="column">
      <Text>
        Run {run.runId} ({run.config.model}, backend {backend}) on {formatCount(dataset.test.count)}{' '}
        test images{run.config.tta === 'flip' ? ', with test-time flips' : ''}:
      </Text>
      <Text bold>
        Test accuracy {formatPercent(evaluation.testAcc)} · test loss{' '}
        {evaluation.testLoss.toFixed(4)}
        {saved}
      </Text>
      <Text> </Text>
      <ConfusionMatrix confusion={evaluation.confusion} classNames={classNames} />
      <Text> </Text>
      <ConfusedPairs confusion={evaluation.confusion} classNames={classNames} />
      <Text> </Text>
      <Text>{perClassLines(evaluation, classNames).join('\n')}</Text>
    </Box>,
    { columns: 120 },
  );
  io.stdout.write(`${report}\n`);
  return 0;
}
