// The Node-only door of @fashion-lab/core: starting and resuming runs, backends, the worker pool.
export {
  loadRunModel,
  resumeTraining,
  RunAlreadyClaimedError,
  RunNotFoundError,
  RunNotResumableError,
  runTraining,
  type ResumeTrainingOptions,
  type RunOutcome,
  type RunTrainingOptions,
} from './node/training.js';
export {
  explainSavedRun,
  type ExplainedRun,
  type ExplainSavedRunOptions,
} from './node/explain-saved-run.js';
export { selectBackend } from './node/backend.js';
export { BackendUnavailableError } from './backend/backend-unavailable-error.js';
export { defaultWorkerCount, MAX_DEFAULT_WORKERS } from './node/default-workers.js';
/** A tfjs IOHandler for a run's model/ folder (`tf.loadLayersModel(modelDirectoryHandler(dir))`). */
export { modelDirectoryHandler } from './node/model-directory-handler.js';
export {
  runSweepTrial,
  type RunSweepTrialOptions,
  type TrialTurn,
} from './node/run-sweep-trial.js';
export {
  recordTurn,
  runSweepLocally,
  type RunSweepLocallyOptions,
} from './node/run-sweep-locally.js';
