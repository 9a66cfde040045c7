import { join } from 'node:path';
import type { Embedding, Explain } from '@fashion-lab/run';
import { readEmbedding, readExplain } from '@fashion-lab/run/node';
import { sameStamp, stampOf, type FileStamp } from './file-stamp';

interface Entry<T> {
  stamp: FileStamp;
  value: Promise<T | undefined>;
}

/**
 * A per-run cache of one optional file: re-read only when its size, modification time or inode
 * changed (explain.json and embedding.json are megabytes; requests must not re-parse them).
 */
function fileCache<T>(file: string, read: (runDir: string) => Promise<T | undefined>) {
  const entries = new Map<string, Entry<T>>();
  return async (runDir: string): Promise<T | undefined> => {
    const stamp = stampOf(join(runDir, file));
    if (stamp === null) {
      entries.delete(runDir);
      return undefined;
    }
    const cached = entries.get(runDir);
    if (cached !== undefined && sameStamp(cached.stamp, stamp)) return cached.value;
    const value = read(runDir);
    value.catch(() => entries.delete(runDir));
    entries.set(runDir, { stamp, value });
    return value;
  };
}

const CACHE = Symbol.for('fashion-lab.web.explanations');
type Caches = {
  explain: (runDir: string) => Promise<Explain | undefined>;
  embedding: (runDir: string) => Promise<Embedding | undefined>;
};
type WithCache = typeof globalThis & { [CACHE]?: Caches };

function caches(): Caches {
  return ((globalThis as WithCache)[CACHE] ??= {
    explain: fileCache('explain.json', readExplain),
    embedding: fileCache('embedding.json', readEmbedding),
  });
}

/** A run's explain.json, parsed once per version of the file; undefined when it has none. */
export function cachedExplain(runDir: string): Promise<Explain | undefined> {
  return caches().explain(runDir);
}

/** A run's embedding.json, parsed once per version of the file; undefined when it has none. */
export function cachedEmbedding(runDir: string): Promise<Embedding | undefined> {
  return caches().embedding(runDir);
}
