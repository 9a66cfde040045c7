import { readEmbedding, readExplain, readRun } from '@fashion-lab/run/node';
import { describeAugmentation } from '@fashion-lab/core';
import { type LayerSummary, type RunJson } from '@fashion-lab/run';
import type { CliIo } from '../cli-io.js';
import {
  formatCount,
  formatDuration,
  formatLearningRate,
  formatPercent,
  formatTestAccuracy,
} from '../format.js';
import type { Command } from '../command.js';
import { existingRunDir, runsDirOf } from '../run-location.js';

type SummaryCommand = Extract<Command, { name: 'summary' }>;

const WIDTH = 65;
const COLUMNS = [29, 26] as const;

/** `(None, 26, 26, 32)`, as Keras prints an output shape. */
function shapeText(shape: readonly (number | null)[]): string {
  return `(${shape.map((dim) => (dim === null ? 'None' : String(dim))).join(', ')})`;
}

/** The layer table exactly in the shape of Keras' `model.summary()`. */
export function layerTable(
  modelName: string,
  layers: readonly LayerSummary[],
  params: number,
): string[] {
  const row = (layer: string, shape: string, count: string): string =>
    ` ${layer.padEnd(COLUMNS[0] - 1)}${shape.padEnd(COLUMNS[1])}${count}`.trimEnd();
  const lines = [
    `Model: "${modelName}"`,
    '_'.repeat(WIDTH),
    row('Layer (type)', 'Output Shape', 'Param #'),
    '='.repeat(WIDTH),
  ];
  layers.forEach((layer, index) => {
    lines.push(
      row(`${layer.name} (${layer.type})`, shapeText(layer.outputShape), formatCount(layer.params)),
    );
    lines.push(index === layers.length - 1 ? '='.repeat(WIDTH) : '_'.repeat(WIDTH));
  });
  lines.push(`Total params: ${formatCount(params)}`, '_'.repeat(WIDTH));
  return lines;
}

/** What the run is and how it ended, above the layer table. */
function runLines(run: RunJson): string[] {
  const { config } = run;
  const lines = [
    `Run ${run.runId}${run.experiment ? ` (${run.experiment})` : ''}: ${run.status}`,
    `  ${config.optimizer} lr ${formatLearningRate(config.learningRate)}, batch ${config.batchSize}, ` +
      `${config.epochs} epochs, validation ${config.validationSplit}, seed ${config.seed}` +
      describeAugmentation(config)
        .map((phrase) => `, ${phrase}`)
        .join('') +
      `${config.limit !== undefined ? `, limit ${config.limit}` : ''}`,
    `  backend ${run.backend}, dataset ${config.dataset}, created ${run.createdAt}`,
  ];
  if (run.summary) {
    const summary = run.summary;
    lines.push(
      `  test accuracy ${formatTestAccuracy(summary)}, test loss ${summary.testLoss.toFixed(4)}, ` +
        `best epoch ${summary.bestEpoch} (val acc ${formatPercent(summary.bestValAcc)}), ${formatDuration(summary.seconds)}`,
    );
  }
  if (run.error) lines.push(`  error: ${run.error}`);
  lines.push(`  reproduce: ${run.command}`);
  return lines;
}

/** Whether the run has explain.json and embedding.json, and what is in them. */
async function explanationLine(runDir: string, runId: string): Promise<string> {
  const described = await Promise.all([
    readExplain(runDir).then(
      (explain) =>
        explain &&
        `explain.json (${formatCount(explain.heatmaps.length)} heatmaps: ${[
          ...(explain.gradCam ? [`grad-cam of ${explain.gradCam.layer}`] : []),
          ...(explain.smoothGrad ? ['smoothgrad'] : []),
        ].join(', ')})`,
      (error: Error) => `explain.json unreadable (${error.message})`,
    ),
    readEmbedding(runDir).then(
      (embedding) =>
        embedding &&
        `embedding.json (${formatCount(embedding.n)} points, UMAP of ${embedding.layer})`,
      (error: Error) => `embedding.json unreadable (${error.message})`,
    ),
  ]);
  const present = described.filter((text) => text !== undefined);
  return present.length === 0
    ? `  no explanations (compute them with: npx nx run cli:explain -- ${runId})`
    : `  explanations: ${present.join(', ')}`;
}

/**
 * `summary <runId>`: the run's config and result, whether it has explanations, then its
 * Keras-style layer table.
 */
export async function summaryCommand(command: SummaryCommand, io: CliIo): Promise<number> {
  const runDir = await existingRunDir(runsDirOf(command, io), command.runId);
  const run = await readRun(runDir);
  if (command.json) {
    io.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    return 0;
  }
  const lines = [
    ...runLines(run),
    await explanationLine(runDir, run.runId),
    '',
    ...layerTable(run.config.model, run.layers, run.params),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
