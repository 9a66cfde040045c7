import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEmbedding, readEvaluation, readExplain } from '@fashion-lab/run/node';
import { requireCompiledCli, runCliProcess, writeTinyDataset } from './cli-process.test-support.js';

let workDir: string;
let dataDir: string;
let runsDir: string;

const where = (): string[] => ['--data-dir', dataDir, '--runs-dir', runsDir];

beforeAll(async () => {
  requireCompiledCli();
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-cli-explain-'));
  dataDir = await writeTinyDataset(join(workDir, 'data'));
  runsDir = join(workDir, 'runs');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('fashion-lab explain', () => {
  it('computes explain.json and embedding.json for a run trained with --explain off, and summary tells', async () => {
    const trained = await runCliProcess(
      [
        'train',
        '--model',
        'cnn',
        '--epochs',
        '1',
        '--limit',
        '200',
        '--explain',
        'off',
        '--json',
        ...where(),
      ],
      workDir,
    );
    expect(trained.code).toBe(0);
    const runId = (JSON.parse(trained.stdout.split('\n')[0]!) as { runId: string }).runId;
    const runDir = join(runsDir, runId);
    expect(await readExplain(runDir)).toBeUndefined();
    const before = await runCliProcess(['summary', runId, '--runs-dir', runsDir], workDir);
    expect(before.stdout).toContain(
      `  no explanations (compute them with: npx nx run cli:explain -- ${runId})`,
    );

    const explained = await runCliProcess(['explain', runId, ...where()], workDir);
    expect(explained.stderr).toBe('');
    expect(explained.code).toBe(0);
    const evaluation = await readEvaluation(runDir);
    const mistakes = evaluation.samples.filter((sample) => sample.label !== sample.predicted);
    // Grad-CAM and SmoothGrad, each for every sample's predicted class and every mistake's true one.
    const heatmaps = 2 * (evaluation.samples.length + mistakes.length);
    expect(explained.stdout.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^Explained run ${runId} \\(backend \\w+\\):$`)),
      expect.stringMatching(
        new RegExp(`^  .*${runId}/explain\\.json: ${heatmaps} heatmaps \\(\\d+\\.\\d s\\)$`),
      ),
      expect.stringMatching(
        new RegExp(`^  .*${runId}/embedding\\.json: 100 points \\(\\d+\\.\\d s\\)$`),
      ),
      '',
    ]);
    const explain = await readExplain(runDir);
    expect(explain?.gradCam).toEqual({ layer: 'conv2d_3' });
    expect(explain?.heatmaps).toHaveLength(heatmaps);
    expect(await readEmbedding(runDir)).toMatchObject({ n: 100, layer: 'dense_1', method: 'umap' });

    const after = await runCliProcess(['summary', runId, '--runs-dir', runsDir], workDir);
    expect(after.stdout).toContain(
      `  explanations: explain.json (${heatmaps} heatmaps: grad-cam of conv2d_3, smoothgrad), embedding.json (100 points, UMAP of dense_1)`,
    );
  });

  it.each([
    [['train', '--explain', 'maybe'], /^error: --explain must be on or off, got "maybe"\n$/],
    [['explain', 'no-such-run'], /^error: no run "no-such-run" in .*\n$/],
  ])('%j fails with one sentence', async (args, message) => {
    const result = await runCliProcess([...args, ...where()], workDir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
