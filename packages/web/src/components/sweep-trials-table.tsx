import Link from 'next/link';
import { accuracyInterval, type SampleStatistics } from '@fashion-lab/run';
import { formatPercent } from '../lib/format';
import type { ConfigView, TrialView } from '../lib/sweep-view';
import { StatusBadge } from './status-badge';

/**
 * A 95% confidence interval in percent, "[89.50%, 89.92%]", cut to 0..100% as the report cuts
 * it; a dash below two seeds.
 */
function formatInterval(stats: SampleStatistics): string {
  const interval = accuracyInterval(stats);
  return interval === undefined
    ? '—'
    : `[${formatPercent(interval.low, 2)}, ${formatPercent(interval.high, 2)}]`;
}

/** What a trial's status cell says: the run's status, else where sweep.json puts it. */
function TrialStatus({ trial }: { trial: TrialView }) {
  const status = trial.runStatus ?? trial.state;
  return (
    <>
      <StatusBadge
        status={trial.state === 'pruned' || trial.state === 'paused' ? trial.state : status}
      />
      {trial.epoch === null ? null : (
        <span className="muted" data-testid="trial-epoch">
          {' '}
          epoch {trial.epoch.epoch}/{trial.epoch.epochs}
        </span>
      )}
      {trial.error === undefined ? null : <span className="error-text"> {trial.error}</span>}
    </>
  );
}

interface SweepTrialsTableProps {
  configs: readonly ConfigView[];
  /** The trials to list (the brushed ones); configs without one are left out. */
  trials: readonly TrialView[];
  bestConfigKey: string | null;
}

/**
 * The sweep's trials grouped by config: per config its mean ± std and 95% confidence interval of
 * test and best validation accuracy over its seeds (all of its completed trials, as the cli
 * prints them), then a row per listed trial linking to its run page.
 */
export function SweepTrialsTable({ configs, trials, bestConfigKey }: SweepTrialsTableProps) {
  const byConfig = new Map<string, TrialView[]>();
  for (const trial of trials) {
    const group = byConfig.get(trial.configKey) ?? [];
    group.push(trial);
    byConfig.set(trial.configKey, group);
  }
  const shown = configs.filter((config) => byConfig.has(config.configKey));
  return (
    <table className="data sweep-table" data-testid="sweep-table">
      <thead>
        <tr>
          <th>Config / trial</th>
          <th>Seed</th>
          <th>Status</th>
          <th className="num">Test acc</th>
          <th>Test 95% CI</th>
          <th className="num">Best val acc</th>
          <th>Best val 95% CI</th>
        </tr>
      </thead>
      {shown.map((config) => (
        <tbody key={config.configKey} data-config={config.configKey}>
          <tr className="config-row">
            <th colSpan={2}>
              {config.configKey}
              {config.configKey === bestConfigKey ? <span className="best"> best</span> : null}
              <span className="muted">
                {' '}
                ({config.completed} of {config.trials} trials completed)
              </span>
            </th>
            <td />
            <td className="num" data-testid="config-test">
              {config.testText}
            </td>
            <td>{formatInterval(config.testAcc)}</td>
            <td className="num">{config.bestValText}</td>
            <td>{formatInterval(config.bestValAcc)}</td>
          </tr>
          {byConfig.get(config.configKey)!.map((trial) => (
            <tr key={trial.runId} data-trial-run={trial.runId}>
              <td>
                <Link href={`/runs/${encodeURIComponent(trial.runId)}`}>trial {trial.trial}</Link>{' '}
                <span className="muted">{trial.runId}</span>
              </td>
              <td>{trial.seed}</td>
              <td>
                <TrialStatus trial={trial} />
              </td>
              <td className="num">{formatPercent(trial.testAcc, 2)}</td>
              <td />
              <td className="num">{formatPercent(trial.bestValAcc, 2)}</td>
              <td />
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
