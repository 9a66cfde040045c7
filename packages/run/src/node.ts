// The run directory on disk: atomic writes, readers, the lock, checkpoints, the persisting reporter.
export { resolveRunsDir, findWorkspaceRoot } from './node/runs-dir.js';
export { syncDirectory, writeFileAtomic, writeJsonAtomic } from './node/atomic-write.js';
export {
  MODEL_JSON_FILE,
  ModelDirectoryError,
  readModelArtifacts,
  WEIGHTS_FILE,
  writeModelArtifacts,
} from './node/model-files.js';
export { CheckpointReadError, readCheckpoint, writeCheckpoint } from './node/checkpoint-files.js';
export {
  listRuns,
  readEmbedding,
  readEvaluation,
  readExplain,
  readMetrics,
  readRun,
  RUN_FILES,
  RunReadError,
  runExists,
  type RunListEntry,
} from './node/run-readers.js';
export { writeExplanations } from './node/explanation-files.js';
export {
  RunDirectoryReporter,
  type RunDirectoryReporterOptions,
} from './node/run-directory-reporter.js';
export {
  acquireRunLock,
  RUN_LOCK_DIR,
  RunLockedError,
  RunLockLostError,
  type RunLock,
  type RunLockOptions,
} from './node/run-lock.js';
export { isProcessAlive } from './node/process-alive.js';
export { claimTrialRun } from './node/claim-trial-run.js';
export {
  createSweep,
  listSweeps,
  readSweep,
  sweepDir,
  updateSweep,
  type SweepListEntry,
} from './node/sweep-files.js';
export { readSweepResults, readSweepTrialRuns } from './node/read-sweep-results.js';
