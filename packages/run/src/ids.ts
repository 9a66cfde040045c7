import type { TrainConfig } from './config.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `yyyymmdd-HHMMSS` in UTC (so ids sort by time whatever the machine's zone). */
export function utcStamp(now: Date, withSeconds = true): string {
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${withSeconds ? pad(now.getUTCSeconds()) : ''}`;
  return `${date}-${time}`;
}

/** What a run id (a directory name under runs/) may look like: no dots, slashes or spaces. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * The folder beside the runs that holds the sweeps (`runs/sweeps/<sweepId>/`); never a run id, in
 * any letter case (case-insensitive file systems would mix the two).
 */
export const SWEEPS_DIR = 'sweeps';

/**
 * True when `runId` is a plain directory name that cannot escape the runs directory and is not a
 * reserved folder (`sweeps`).
 */
export function isSafeRunId(runId: string): boolean {
  return RUN_ID_PATTERN.test(runId) && runId.toLowerCase() !== SWEEPS_DIR;
}

/**
 * `<UTC yyyymmdd-HHMMSS>-<model>-<optimizer>[-suffix]`, e.g. `20261125-210412-cnn-adam`; the suffix
 * tells apart runs started in the same second.
 */
export function createRunId(config: TrainConfig, now: Date, suffix?: string): string {
  const runId = `${utcStamp(now)}-${config.model}-${config.optimizer}${suffix === undefined ? '' : `-${suffix}`}`;
  if (!isSafeRunId(runId)) {
    throw new RangeError(
      `createRunId: suffix ${JSON.stringify(suffix)} may hold only letters, digits, - and _`,
    );
  }
  return runId;
}

/**
 * The id of one study invocation: `<study>-<UTC yyyymmdd-HHMM>`, or `<study>-quick-...` for the
 * quick variant, so repeated studies never mix.
 */
export function experimentId(study: string, now: Date, options: { quick?: boolean } = {}): string {
  const id = `${study}${options.quick ? '-quick' : ''}-${utcStamp(now, false)}`;
  if (!isSafeRunId(id)) {
    throw new RangeError(
      `experimentId: study name ${JSON.stringify(study)} may hold only letters, digits, - and _`,
    );
  }
  return id;
}
