import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validateTrainingState } from '../checkpoint.js';
import { validateEvaluation } from '../evaluation.js';
import { parseMetricsLines } from '../metrics-lines.js';
import { reproduceCommand } from '../reproduce-command.js';
import { validateRunJson } from '../run-json.js';

/** Files as earlier versions of fashion-lab wrote them (a real dense run, trimmed). */
async function writtenBefore(name: string): Promise<unknown> {
  const text = await readFile(new URL(`./written-before/${name}`, import.meta.url), 'utf8');
  return name.endsWith('.jsonl') ? text : (JSON.parse(text) as unknown);
}

describe('run files written by earlier versions', () => {
  it('read as run.json, with the config and summary they hold', async () => {
    const run = validateRunJson(await writtenBefore('run.json'), 'run.json');
    expect(run.config).toMatchObject({ model: 'dense', augment: 'off', tta: 'off', limit: 600 });
    expect(run.summary?.testAcc).toBeCloseTo(0.6778);
    // The command they stored is still the one this version would write.
    expect(reproduceCommand(run.config)).toBe(run.command);
  });

  it('read the yes/no augment and the missing tta of runs from before those had names', async () => {
    const run = validateRunJson(await writtenBefore('run-augment-boolean.json'), 'run.json');
    expect(run.config.augment).toBe('full');
    expect(run.config).not.toHaveProperty('tta');
    expect(run.summary).toBeUndefined();
  });

  it('read as evaluation.json', async () => {
    const evaluation = validateEvaluation(await writtenBefore('evaluation.json'), 'e.json');
    expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(evaluation.samples).toHaveLength(6);
  });

  it('read as metrics.jsonl, every line kept', async () => {
    const text = (await writtenBefore('metrics.jsonl')) as string;
    const { lines, skipped } = parseMetricsLines(text, 'metrics.jsonl');
    expect(skipped).toEqual([]);
    expect(lines.map((line) => `${line.type} ${line.epoch}`)).toEqual([
      'batch 1',
      'epoch 1',
      'epoch 2',
    ]);
  });

  it('read as checkpoint state, the bests of a run not yet validated as infinities', async () => {
    expect(validateTrainingState(await writtenBefore('state.json'), 's.json').epoch).toBe(2);
    const fresh = validateTrainingState(await writtenBefore('state-before-validation.json'), 's');
    expect(fresh.bestValAcc).toBe(-Infinity);
    expect(fresh.bestValLoss).toBe(Infinity);
  });
});
