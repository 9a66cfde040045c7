import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodePoints, encodePoints } from '../embedding.js';
import { testEmbedding, testExplain } from '../testing/explanation-fixtures.js';
import { testEvaluation, testRunJson } from '../testing/run-fixtures.js';
import { writeFixtureRun } from '../testing/write-fixture-run.js';
import { RunFileError } from '../run-file-error.js';
import { writeExplanations } from './explanation-files.js';
import { acquireRunLock, RunLockLostError } from './run-lock.js';
import { readEmbedding, readExplain, RunReadError } from './run-readers.js';

let runsDir: string;
beforeEach(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'fashion-lab-explain-files-'));
});
afterEach(async () => {
  await rm(runsDir, { recursive: true, force: true });
});

describe('explain.json and embedding.json', () => {
  it('read back as written', async () => {
    const explain = testExplain(testEvaluation(), { gradCam: true });
    const embedding = testEmbedding(3);
    const runDir = await writeFixtureRun(runsDir, { explain, embedding });
    expect(await readExplain(runDir)).toEqual(explain);
    expect(await readEmbedding(runDir)).toEqual(embedding);
  });

  it('are optional: an older run without them reads as undefined', async () => {
    const runDir = await writeFixtureRun(runsDir, { evaluation: testEvaluation() });
    expect(await readExplain(runDir)).toBeUndefined();
    expect(await readEmbedding(runDir)).toBeUndefined();
  });

  it.each([
    [
      'a heatmap of 783 bytes',
      (explain: ReturnType<typeof testExplain>) => {
        explain.heatmaps[0]!.pixels = 'AAAA'.repeat(261);
      },
      'explain.json: heatmaps[0].pixels must be base64 of 784 bytes (a 28x28 heatmap), got "783 bytes"',
    ],
    [
      'a Grad-CAM heatmap without the layer it used',
      (explain: ReturnType<typeof testExplain>) => {
        delete explain.gradCam;
      },
      'explain.json: heatmaps[0].method must be a method whose parameters the file has (gradCam is missing), got "grad-cam"',
    ],
    [
      'an unknown method',
      (explain: ReturnType<typeof testExplain>) => {
        (explain.heatmaps[0] as { method: string }).method = 'lime';
      },
      "explain.json: heatmaps[0].method must be one of 'grad-cam', 'smoothgrad', got \"lime\"",
    ],
  ])('a damaged explain.json (%s) is one sentence naming the file', async (_, damage, message) => {
    const explain = testExplain(testEvaluation(), { gradCam: true });
    damage(explain);
    const runDir = await writeFixtureRun(runsDir, { explain: JSON.stringify(explain) });
    const error = await readExplain(runDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunFileError);
    expect((error as Error).message).toBe(join(runDir, message));
  });

  it('an embedding whose points do not match n names the field', async () => {
    const runDir = await writeFixtureRun(runsDir, {
      embedding: JSON.stringify({ ...testEmbedding(3), n: 4 }),
    });
    await expect(readEmbedding(runDir)).rejects.toThrow(
      `${join(runDir, 'embedding.json')}: points must be base64 of 32 bytes (n = 4 float32 x, y pairs), got "24 bytes"`,
    );
  });

  it('a torn embedding.json is not JSON, named', async () => {
    const runDir = await writeFixtureRun(runsDir, { embedding: '{"method":"um' });
    const error = await readEmbedding(runDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunReadError);
    expect((error as Error).message).toMatch(/embedding\.json is not valid JSON/);
  });

  it('points are little-endian float32 x, y pairs', () => {
    const text = encodePoints(Float32Array.of(1, -2.5));
    // 1.0f is 00 00 80 3f, -2.5f is 00 00 20 c0, low byte first.
    expect(Buffer.from(text, 'base64')).toEqual(Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0]));
    expect(Array.from(decodePoints(text))).toEqual([1, -2.5]);
  });
});

describe('writeExplanations', () => {
  it('writes both files while holding the run lock', async () => {
    const runDir = await writeFixtureRun(runsDir, { run: testRunJson() });
    const lock = await acquireRunLock(runDir);
    const explain = testExplain(testEvaluation());
    await writeExplanations(runDir, { explain, embedding: testEmbedding() }, lock);
    await lock.release();
    expect(await readExplain(runDir)).toEqual(explain);
    expect(await readEmbedding(runDir)).toEqual(testEmbedding());
  });

  it('writes nothing once another process took the lock over', async () => {
    const runDir = await writeFixtureRun(runsDir, { run: testRunJson() });
    const lock = await acquireRunLock(runDir, { staleAfterMs: 100, heartbeatMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 150)); // silent past the stale time
    const successor = await acquireRunLock(runDir, { staleAfterMs: 100 });
    await expect(
      writeExplanations(runDir, { explain: testExplain(testEvaluation()) }, lock),
    ).rejects.toThrow(RunLockLostError);
    expect(await readdir(runDir)).not.toContain('explain.json');
    await successor.release();
  });
});
