import { appendFile, mkdir, mkdtemp, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testRunJson } from '@fashion-lab/run/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRunSummary } from './run-data';
import { createRunSummaryCache } from './run-summary-cache';

const epochLine = (epoch: number, valAcc: number) =>
  `${JSON.stringify({ type: 'epoch', epoch, loss: 0.5, acc: 0.8, valLoss: 0.6, valAcc, lr: 0.001, seconds: 10 })}\n`;

describe('createRunSummaryCache: a run is read again only when its files changed', () => {
  let root: string;
  let runs: string[];
  let reads: string[];
  /** The cache over the real reader, counting the runs it reads. */
  const countingCache = () =>
    createRunSummaryCache(async (runDir: string) => {
      reads.push(runDir);
      return readRunSummary(runDir);
    });

  async function writeRun(name: string, epochs: number): Promise<string> {
    const dir = join(root, name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'run.json'), JSON.stringify(testRunJson({ runId: name })));
    let metrics = '';
    for (let epoch = 1; epoch <= epochs; epoch++) metrics += epochLine(epoch, 0.7 + epoch / 100);
    await writeFile(join(dir, 'metrics.jsonl'), metrics);
    return dir;
  }

  /** Sets a file's modification time back to what it was, so only its size or inode differ. */
  async function keepingMtime(file: string, change: () => Promise<void>): Promise<void> {
    const before = await stat(file);
    await change();
    await utimes(file, before.atime, before.mtime);
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'web-summary-cache-'));
    runs = [
      await writeRun('20261125-100000-cnn-adam', 3),
      await writeRun('20261125-090000-cnn-adam', 2),
    ];
    reads = [];
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('returns what a fresh read returns, in the order asked', async () => {
    const cache = countingCache();
    const first = await cache.summaries(runs);
    expect(first).toEqual(await Promise.all(runs.map(readRunSummary)));
    expect(await cache.summaries([...runs].reverse())).toEqual([...first].reverse());
  });

  it('never reads an unchanged run twice, also when requests overlap', async () => {
    const cache = countingCache();
    await Promise.all([cache.summaries(runs), cache.summaries(runs)]);
    await cache.summaries(runs);
    expect(reads.sort()).toEqual([...runs].sort());
  });

  it('reads a run again when metrics.jsonl grows, even within the same modification time', async () => {
    const cache = countingCache();
    await cache.summaries(runs);
    const metrics = join(runs[0]!, 'metrics.jsonl');
    await keepingMtime(metrics, () => appendFile(metrics, epochLine(4, 0.9)));
    const [summary] = await cache.summaries(runs);
    expect(reads).toEqual([...runs, runs[0]]);
    expect(summary).toEqual(await readRunSummary(runs[0]!));
    expect(summary?.ok && summary.row.valAccHistory).toEqual([0.71, 0.72, 0.73, 0.9]);
  });

  it('reads a run again when a file is touched, or replaced by a rename of the same size and time', async () => {
    const cache = countingCache();
    await cache.summaries(runs);
    const runJson = join(runs[1]!, 'run.json');
    const later = new Date(Date.now() + 5000);
    await utimes(runJson, later, later);
    await cache.summaries(runs);
    expect(reads).toEqual([...runs, runs[1]]);

    // What writeJsonAtomic does: a temp file renamed over the old one (a new inode).
    await keepingMtime(runJson, async () => {
      await writeFile(`${runJson}.tmp`, JSON.stringify(testRunJson({ runId: 'x'.repeat(24) })));
      await rename(`${runJson}.tmp`, runJson);
    });
    const [, summary] = await cache.summaries(runs);
    expect(reads).toEqual([...runs, runs[1], runs[1]]);
    expect(summary).toMatchObject({ ok: true, row: { id: 'x'.repeat(24) } });
  });

  it('keeps an unreadable run and a run without metrics until their files change', async () => {
    const broken = join(root, '20261125-080000-dense-sgd');
    await mkdir(broken);
    await writeFile(join(broken, 'run.json'), '{"schemaVersion": 1, "runId": ');
    const fresh = join(root, '20261125-110000-dense-adam');
    await mkdir(fresh);
    await writeFile(join(fresh, 'run.json'), JSON.stringify(testRunJson({ runId: 'fresh' })));
    const cache = countingCache();
    const listed = [fresh, broken];
    expect(await cache.summaries(listed)).toMatchObject([
      { ok: true, row: { valAccHistory: [] } },
      { ok: false, id: '20261125-080000-dense-sgd', error: expect.stringMatching(/run\.json/) },
    ]);
    await cache.summaries(listed);
    expect(reads).toEqual(listed);

    await writeFile(join(fresh, 'metrics.jsonl'), epochLine(1, 0.5));
    await writeFile(join(broken, 'run.json'), JSON.stringify(testRunJson({ runId: 'mended' })));
    expect(await cache.summaries(listed)).toMatchObject([
      { ok: true, row: { valAccHistory: [0.5] } },
      { ok: true, row: { id: 'mended' } },
    ]);
    expect(reads).toEqual([...listed, ...listed]);
  });

  it('forgets a run that is no longer listed', async () => {
    const cache = countingCache();
    await cache.summaries(runs);
    await cache.summaries(runs.slice(0, 1));
    await cache.summaries(runs);
    expect(reads).toEqual([...runs, runs[1]]);
  });
});
