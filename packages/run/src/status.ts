import type { RunStatus } from './events.js';
import type { RunJson } from './run-json.js';

/** A running run whose heartbeat is older than this is shown as stale. */
export const STALE_AFTER_MS = 60_000;

/**
 * The status to show: a `running` run whose process is gone or whose heartbeat is older than a
 * minute is `stale` (resumable), never running forever.
 */
export function effectiveStatus(
  run: RunJson,
  now: Date,
  isAlive: (pid: number) => boolean,
): RunStatus | 'stale' {
  if (run.status !== 'running') return run.status;
  const heartbeat = Date.parse(run.heartbeatAt);
  if (!(now.getTime() - heartbeat <= STALE_AFTER_MS)) return 'stale';
  return isAlive(run.pid) ? 'running' : 'stale';
}
