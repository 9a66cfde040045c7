import { escapeText } from '../escape.js';
import { formatInteger } from '../format.js';
import { section, table } from '../html.js';
import { compareByOrder, MODEL_ORDER, modelLabel } from '../labels.js';
import { modelColor } from '../palette.js';
import type { ReportRun } from '../report-data.js';
import { sortByCreation } from '../shape/select-runs.js';

function shape(outputShape: (number | null)[]): string {
  return `[${outputShape.map((size) => (size === null ? 'batch' : String(size))).join(', ')}]`;
}

/** Each model's layers (from its first run: every run of a model has the same architecture). */
export function layersSection(runs: readonly ReportRun[]): string {
  const firstOfModel = new Map<string, ReportRun>();
  for (const item of sortByCreation(runs)) {
    if (!firstOfModel.has(item.run.config.model)) firstOfModel.set(item.run.config.model, item);
  }
  const models = [...firstOfModel.entries()].sort(([a], [b]) => compareByOrder(MODEL_ORDER, a, b));
  const tables = models.map(([model, item]) => {
    const rows = item.run.layers.map((layer) => [
      escapeText(layer.name),
      escapeText(layer.type),
      `<span class="mono">${escapeText(shape(layer.outputShape))}</span>`,
      formatInteger(layer.params),
    ]);
    rows.push([
      '<strong>Total</strong>',
      '',
      '',
      `<strong>${formatInteger(item.run.params)}</strong>`,
    ]);
    return (
      `<h3><span class="swatch" style="background:${modelColor(model)}"></span>${escapeText(modelLabel(model))}</h3>` +
      table(['Layer', 'Type', 'Output shape', 'Parameters'], rows, { numeric: [3] })
    );
  });
  return section('layers', 'Model architectures', tables.join(''));
}
