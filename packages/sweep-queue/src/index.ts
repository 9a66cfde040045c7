// The part of @fashion-lab/sweep-queue that runs anywhere: queue URLs and job names.
export {
  parseQueueUrl,
  QUEUE_ENV,
  queueUrlFrom,
  QueueUrlError,
  type QueueUrl,
} from './queue-url.js';
export { TRIAL_QUEUE_NAME, trialJobId, type TrialJob } from './trial-job.js';
