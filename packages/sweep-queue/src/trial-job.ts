/** The BullMQ queue every sweep's trials go through (one queue: workers serve any sweep). */
export const TRIAL_QUEUE_NAME = 'fashion-lab-trials';

/**
 * One job: train `trial` of sweep `sweepId` for its turn `turn` (its halving rung; 0 without
 * halving). The trial's config and run id are read from sweep.json on the shared storage.
 */
export interface TrialJob {
  sweepId: string;
  trial: number;
  turn: number;
}

/**
 * The job id of one trial's turn: the same trial and turn always get the same id, so enqueueing
 * a sweep again (a resume, a promotion recorded twice) adds no second job. BullMQ ids may not
 * contain ":", and sweep ids are made of letters, digits, "-" and "_".
 */
export function trialJobId(job: TrialJob): string {
  return `${job.sweepId}.trial-${job.trial}.turn-${job.turn}`;
}
