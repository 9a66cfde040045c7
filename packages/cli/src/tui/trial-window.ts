import type { SweepTrial, TrialState } from '@fashion-lab/run';

/** The trials a table of limited height shows, and how many it leaves out (by state). */
export interface TrialWindow {
  shown: SweepTrial[];
  /** Trials not shown; 0 when every trial fits. */
  hidden: number;
  /** The hidden trials counted by state, in sweep.json's state order. */
  hiddenStates: [TrialState, number][];
}

const STATE_ORDER: readonly TrialState[] = [
  'running',
  'paused',
  'completed',
  'failed',
  'pruned',
  'pending',
];

/**
 * The trials to show in `rows` table lines. When all fit, every trial in sweep order (a stable
 * table to read); otherwise the running trials first, then the ones that changed most recently
 * (`changedAt`: higher is later; unknown counts as older, later trials first), then the pending
 * ones in the order they will start, and the last line is left for "+N more".
 */
export function trialWindow(
  trials: readonly SweepTrial[],
  rows: number,
  changedAt: ReadonlyMap<number, number> = new Map(),
): TrialWindow {
  if (trials.length <= rows) return { shown: [...trials], hidden: 0, hiddenStates: [] };
  const recency = (trial: SweepTrial): number => changedAt.get(trial.trial) ?? -1;
  const running = trials.filter((trial) => trial.state === 'running');
  const pending = trials.filter((trial) => trial.state === 'pending');
  const ended = trials
    .filter((trial) => trial.state !== 'running' && trial.state !== 'pending')
    .sort((a, b) => recency(b) - recency(a) || b.trial - a.trial);
  const shown = [...running, ...ended, ...pending].slice(0, Math.max(0, rows - 1));
  const shownIds = new Set(shown.map((trial) => trial.trial));
  const counts = new Map<TrialState, number>();
  for (const trial of trials) {
    if (!shownIds.has(trial.trial)) counts.set(trial.state, (counts.get(trial.state) ?? 0) + 1);
  }
  const hiddenStates = STATE_ORDER.filter((state) => counts.has(state)).map(
    (state): [TrialState, number] => [state, counts.get(state) ?? 0],
  );
  return { shown, hidden: trials.length - shown.length, hiddenStates };
}

/** "+7 more (5 pending, 2 completed)". */
export function moreLine(window: TrialWindow): string {
  const states = window.hiddenStates.map(([state, count]) => `${count} ${state}`).join(', ');
  return `+${window.hidden} more (${states})`;
}

/** "12 trials: 3 completed, 1 running, 8 pending", states in a fixed order. */
export function trialCounts(trials: readonly SweepTrial[]): string {
  const counts = new Map<TrialState, number>();
  for (const trial of trials) counts.set(trial.state, (counts.get(trial.state) ?? 0) + 1);
  const parts = STATE_ORDER.filter((state) => counts.has(state)).map(
    (state) => `${counts.get(state)} ${state}`,
  );
  return `${trials.length} trials: ${parts.join(', ')}`;
}
