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
// --- end LEAD ---

// --- ENGINE: backend selection ---
export { selectBackend } from './node/backend.js';
// --- end ENGINE ---

// --- the tfjs side of the run directory ---
export { modelDirectoryHandler } from './node/model-directory-handler.js';
export { runtimeVersions } from './node/versions.js';

// --- PERFORMANCE: data-parallel training over worker threads ---
export { defaultWorkerCount, MAX_DEFAULT_WORKERS } from './node/default-workers.js';
export {
  TrainingWorkerError,
  workerPoolTrainStep,
  type WorkerPoolTrainStep,
} from './node/worker-pool-train-step.js';
// --- end PERFORMANCE ---
