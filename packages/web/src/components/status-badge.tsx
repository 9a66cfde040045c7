import type { RowProgress } from '../lib/run-row';
import { formatPercent } from '../lib/format';

interface StatusBadgeProps {
  status: string;
  progress?: RowProgress | null;
}

/** A run's status; running runs show how far they are, stale ones say they can be resumed. */
export function StatusBadge({ status, progress }: StatusBadgeProps) {
  const title =
    status === 'stale'
      ? 'Marked running, but its process is gone or silent for over a minute: resumable.'
      : undefined;
  return (
    <span className={`status status-${status}`} title={title} data-status={status}>
      {status}
      {status === 'running' && progress ? (
        <span className="progress-text">
          {' '}
          epoch {progress.epoch}/{progress.epochs}
          {progress.batches > 0 ? ` · batch ${progress.batch}/${progress.batches}` : ''} ·{' '}
          {formatPercent(progress.fraction, 0)}
        </span>
      ) : null}
    </span>
  );
}
