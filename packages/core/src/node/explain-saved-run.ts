import { join } from 'node:path';
import { loadDataset } from '@fashion-lab/data/node';
import type { BackendChoice } from '@fashion-lab/run';
import {
  acquireRunLock,
  RUN_FILES,
  readEvaluation,
  readRun,
  runExists,
  writeExplanations,
} from '@fashion-lab/run/node';
import { explainRun } from '../explain/explain-run.js';
import { selectBackend } from './backend.js';
import { loadRunModel, RunNotFoundError } from './training.js';

export interface ExplainSavedRunOptions {
  runId: string;
  runsDir: string;
  dataDir?: string;
  /** The backend to compute on; default: the run's own. */
  backend?: BackendChoice;
}

/** Where `explainSavedRun` wrote, and how long each file took. */
export interface ExplainedRun {
  runDir: string;
  /** The backend the files were computed on. */
  backend: string;
  explainFile: string;
  embeddingFile: string;
  heatmaps: number;
  points: number;
  explainSeconds: number;
  embeddingSeconds: number;
}

/**
 * Computes explain.json and embedding.json for a completed run from its saved model and
 * evaluation.json, as training writes them at its end, holding the run's lock while it writes
 * (RunLockedError while another process trains the run).
 */
export async function explainSavedRun(options: ExplainSavedRunOptions): Promise<ExplainedRun> {
  const runDir = join(options.runsDir, options.runId);
  if (!(await runExists(runDir))) {
    throw new RunNotFoundError(`no run "${options.runId}" in ${options.runsDir}`);
  }
  const lock = await acquireRunLock(runDir);
  try {
    const run = await readRun(runDir);
    if (run.status !== 'completed') {
      throw new Error(
        `run ${options.runId} is ${run.status}, not completed: only a finished run's model can be explained`,
      );
    }
    const evaluation = await readEvaluation(runDir);
    const backend = await selectBackend(options.backend ?? run.config.backend);
    const dataset = await loadDataset({
      dataset: run.config.dataset,
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    });
    const model = await loadRunModel(runDir);
    let files;
    try {
      files = await explainRun(model, dataset.test, evaluation, run.config.seed);
    } finally {
      model.dispose();
    }
    await writeExplanations(runDir, files, lock);
    return {
      runDir,
      backend,
      explainFile: join(runDir, RUN_FILES.explain),
      embeddingFile: join(runDir, RUN_FILES.embedding),
      heatmaps: files.explain.heatmaps.length,
      points: files.embedding.n,
      explainSeconds: files.explain.seconds ?? 0,
      embeddingSeconds: files.embedding.seconds ?? 0,
    };
  } finally {
    await lock.release();
  }
}
