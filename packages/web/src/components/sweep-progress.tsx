import type { TrialCounts, TrialView } from '../lib/sweep-view';

const LABELS: [keyof TrialCounts, string][] = [
  ['pending', 'pending (queued)'],
  ['running', 'running'],
  ['paused', 'paused at a rung'],
  ['completed', 'completed'],
  ['failed', 'failed'],
  ['pruned', 'pruned'],
];

/**
 * How far a sweep is: how many trials stand in each state, and each running trial's epoch; says
 * whether the page is still following it.
 */
export function SweepProgress({
  counts,
  trials,
  live,
}: {
  counts: TrialCounts;
  trials: readonly TrialView[];
  live: boolean;
}) {
  const running = trials.filter((trial) => trial.state === 'running');
  return (
    <section className="sweep-progress" data-testid="sweep-progress" data-live={live}>
      <ul className="cards">
        {LABELS.map(([state, label]) => (
          <li key={state} className="card" data-count={state}>
            <span className="value">{counts[state]}</span>
            <span className="label">{label}</span>
          </li>
        ))}
      </ul>
      {running.length === 0 ? null : (
        <ul className="running-trials">
          {running.map((trial) => (
            <li key={trial.runId} data-running-trial={trial.runId}>
              trial {trial.trial} ({trial.configKey}, seed {trial.seed}):{' '}
              {trial.epoch === null
                ? trial.runStatus === 'stale'
                  ? 'stale (its process is gone or silent)'
                  : 'starting'
                : `epoch ${trial.epoch.epoch}/${trial.epoch.epochs}`}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        {live ? (
          <span className="pulse">following the sweep: refreshes every 2 seconds</span>
        ) : (
          'Every trial has ended.'
        )}
      </p>
    </section>
  );
}
