import { join } from 'node:path';
import type { Embedding } from '../embedding.js';
import type { Explain } from '../explain.js';
import { writeJsonAtomic } from './atomic-write.js';
import { RUN_FILES } from './run-readers.js';
import type { RunLock } from './run-lock.js';

/**
 * Writes runs/<id>/explain.json and embedding.json, whichever `files` has, each atomically and
 * only after checking `lock` (the run's, held by this process): a process that lost the lock
 * writes nothing. Used at a run's end and by `cli explain` for a finished run.
 */
export async function writeExplanations(
  runDir: string,
  files: { explain?: Explain | undefined; embedding?: Embedding | undefined },
  lock: RunLock,
): Promise<void> {
  if (files.explain) {
    await lock.assertHeld();
    await writeJsonAtomic(join(runDir, RUN_FILES.explain), files.explain);
  }
  if (files.embedding) {
    await lock.assertHeld();
    await writeJsonAtomic(join(runDir, RUN_FILES.embedding), files.embedding);
  }
}
