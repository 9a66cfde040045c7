import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRuns, readEvaluation, readMetrics } from '@fashion-lab/run/node';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFixtureRuns, type FixtureRuns } from './fixture-runs';

describe('writeFixtureRuns', () => {
  let root: string;
  let fixture: FixtureRuns;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'web-fixture-'));
    // tfjs prints a one-time hint about tfjs-node on its first use in Node: expected here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    fixture = await writeFixtureRuns(root, { extraRuns: 2 });
    warn.mockRestore();
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes runs the readers read back: evaluated, running, stale and one unreadable', async () => {
    const entries = await listRuns(fixture.runsDir);
    expect(entries).toHaveLength(6 + 3 + 2);
    const byId = new Map(entries.map((entry) => [entry.runId, entry]));
    for (const id of fixture.completed) {
      expect(byId.get(id)).toMatchObject({ ok: true, status: 'completed' });
      const evaluation = await readEvaluation(join(fixture.runsDir, id));
      const { label, predicted } = fixture.confusedPair;
      expect(evaluation.samples.some((s) => s.label === label && s.predicted === predicted)).toBe(
        true,
      );
      expect((await readMetrics(join(fixture.runsDir, id))).skipped).toEqual([]);
    }
    expect(byId.get(fixture.running)).toMatchObject({ ok: true, status: 'running' });
    expect(byId.get(fixture.stale)).toMatchObject({ ok: true, status: 'stale' });
    expect(byId.get(fixture.broken)).toMatchObject({ ok: false });
    expect(byId.has(fixture.escape)).toBe(false);
  });

  it('saves a model that plain tf.loadLayersModel loads and that outputs 10 probabilities', async () => {
    const modelDir = join(fixture.runsDir, fixture.completed[0]!, 'model');
    expect(await readdir(modelDir)).toEqual(['model.json', 'weights.bin']);
    const modelJson = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8'));
    const weights = await readFile(join(modelDir, 'weights.bin'));
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: new Uint8Array(weights).buffer,
      }),
    );
    const output = tf.tidy(() => model.predict(tf.zeros([1, 28, 28, 1])) as tf.Tensor);
    const probs = Array.from(await output.data());
    output.dispose();
    model.dispose();
    expect(probs).toHaveLength(10);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});
