import { join } from 'node:path';
import pLimit from 'p-limit';
import { RUN_FILES } from '@fashion-lab/run/node';
import { sameStamp, stampOf, type FileStamp } from './file-stamp';

interface Entry<Summary> {
  /** The stamps of the watched files, in the order of the cache's `files`. */
  stamps: FileStamp[];
  summary: Promise<Summary>;
}

/** Runs whose files are checked between two yields to the event loop (a stat takes ~10 µs). */
const STAT_BATCH = 256;
/** Runs read at once on a cold start: enough to overlap reading with parsing, few buffers held. */
const READ_CONCURRENCY = 4;

/** Per-run summaries that are recomputed only when a run's run.json or metrics.jsonl changed. */
export interface RunSummaryCache<Summary> {
  /**
   * The summaries of the runs in `runDirs`, in that order. A run is read (with the cache's
   * `read`) when it is new or one of its two files changed size, modification time or inode
   * since; runs no longer listed are forgotten.
   */
  summaries(runDirs: readonly string[]): Promise<Summary[]>;
  /**
   * The same for some of the runs (a sweep's trials): nothing else is forgotten, so the full list
   * stays cached for the next `summaries` call.
   */
  someSummaries(runDirs: readonly string[]): Promise<Summary[]>;
}

/**
 * A cache over `read(runDir)`, which must not throw (an unreadable run is a summary too). The
 * files' stamps are taken before reading, so a change during the read is caught the next time.
 * `files` names the files whose change makes a directory be read again (by default a run's
 * run.json and metrics.jsonl; the sweeps' cache watches sweep.json).
 */
export function createRunSummaryCache<Summary>(
  read: (runDir: string) => Promise<Summary>,
  files: readonly string[] = [RUN_FILES.run, RUN_FILES.metrics],
): RunSummaryCache<Summary> {
  const entries = new Map<string, Entry<Summary>>();
  const limit = pLimit(READ_CONCURRENCY);

  /** Each run's summary, read again where its files changed (not awaited: reads overlap). */
  async function lookUp(runDirs: readonly string[]): Promise<Promise<Summary>[]> {
    const summaries: Promise<Summary>[] = [];
    for (const [i, runDir] of runDirs.entries()) {
      if (i > 0 && i % STAT_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
      const stamps = files.map((file) => stampOf(join(runDir, file)));
      const cached = entries.get(runDir);
      let entry =
        cached !== undefined &&
        stamps.every((stamp, j) => sameStamp(cached.stamps[j] ?? null, stamp))
          ? cached
          : undefined;
      if (entry === undefined) {
        // Set at once, so a request arriving meanwhile waits for this read instead of repeating it.
        const created: Entry<Summary> = { stamps, summary: limit(() => read(runDir)) };
        // A read that broke its promise not to throw is tried again next time, not kept.
        created.summary.catch(() => {
          if (entries.get(runDir) === created) entries.delete(runDir);
        });
        entries.set(runDir, created);
        entry = created;
      }
      summaries.push(entry.summary);
    }
    return summaries;
  }

  return {
    async summaries(runDirs) {
      const summaries = await lookUp(runDirs);
      const listed = new Set(runDirs);
      for (const runDir of entries.keys()) if (!listed.has(runDir)) entries.delete(runDir);
      return Promise.all(summaries);
    },
    async someSummaries(runDirs) {
      return Promise.all(await lookUp(runDirs));
    },
  };
}
