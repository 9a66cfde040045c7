import type { RunStatus } from './events.js';
import type { RunJson } from './run-json.js';

/** A running run whose heartbeat is older than this is shown as stale. */
export const STALE_AFTER_MS = 60_000;

/**
 * The status to show: a `running` run whose process is gone or whose heartbeat is older than a
 * minute is `stale` (resumable), never running forever. `host` is the machine asking: a run
 * written on another machine (run.json's `hostname`, shared storage) is judged by its heartbeat
 * alone, since its pid means nothing here; so is a run from before run.json named its host.
 */
export function effectiveStatus(
  run: RunJson,
  now: Date,
  isAlive: (pid: number) => boolean,
  host?: string,
): RunStatus | 'stale' {
  if (run.status !== 'running') return run.status;
  const heartbeat = Date.parse(run.heartbeatAt);
  if (!(now.getTime() - heartbeat <= STALE_AFTER_MS)) return 'stale';
  const elsewhere = run.hostname !== undefined && host !== undefined && run.hostname !== host;
  return elsewhere || isAlive(run.pid) ? 'running' : 'stale';
}
