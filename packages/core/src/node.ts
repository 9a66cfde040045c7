// --- LEAD: starting and resuming runs ---
export {
  loadRunModel,
  resumeTraining,
  RunNotFoundError,
  RunNotResumableError,
  runTraining,
  type ResumeTrainingOptions,
  type RunOutcome,
  type RunTrainingOptions,
} from './node/training.js';
export { crc32, encodeGrayPng, grayPngDataUri } from './node/gray-png.js';
// --- end LEAD ---

// --- ENGINE: backend selection ---
export { selectBackend } from './node/backend.js';
// --- end ENGINE ---

// --- RUN: the run directory on disk ---
export { resolveRunsDir, findWorkspaceRoot } from './node/runs-dir.js';
export { writeFileAtomic, writeJsonAtomic } from './node/atomic-write.js';
export {
  ModelDirectoryError,
  modelDirectoryHandler,
  readModelArtifacts,
  writeModelArtifacts,
} from './node/model-directory-handler.js';
export { CheckpointReadError, readCheckpoint, writeCheckpoint } from './node/checkpoint-files.js';
export {
  listRuns,
  readEvaluation,
  readMetrics,
  readRun,
  RUN_FILES,
  RunReadError,
  runExists,
  type RunListEntry,
} from './node/run-readers.js';
export {
  RunDirectoryReporter,
  type RunDirectoryReporterOptions,
} from './node/run-directory-reporter.js';
export { acquireRunLock, RUN_LOCK_FILE, RunLockedError } from './node/run-lock.js';
export { isProcessAlive } from './node/process-alive.js';
export { runtimeVersions } from './node/versions.js';
// --- end RUN ---

// --- PERFORMANCE: data-parallel training over worker threads ---
export { defaultWorkerCount, MAX_DEFAULT_WORKERS } from './node/default-workers.js';
export {
  TrainingWorkerError,
  workerPoolTrainStep,
  type WorkerPoolTrainStep,
} from './node/parallel/worker-pool-train-step.js';
// --- end PERFORMANCE ---
