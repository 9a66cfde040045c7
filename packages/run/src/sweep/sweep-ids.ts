import type { TrainConfig } from '../config.js';
import { createRunId, utcStamp } from '../ids.js';

/** A sweep's id and directory name: `<name>-<UTC yyyymmdd-HHMMSS>`, e.g. `lr-check-20261125-210412`. */
export function sweepIdFor(name: string, now: Date): string {
  return `${name}-${utcStamp(now)}`;
}

/**
 * A trial's run id: `<UTC yyyymmdd-HHMMSS>-<model>-<optimizer>-<sweep name>-t<NNN>`, the stamp the
 * sweep's creation time, so a sweep's runs sort together and by trial. Unique per trial, fixed when
 * the sweep is expanded (never derived from when a trial starts).
 */
export function trialRunId(
  config: TrainConfig,
  sweepName: string,
  trial: number,
  trialCount: number,
  now: Date,
): string {
  const width = Math.max(3, String(Math.max(0, trialCount - 1)).length);
  return createRunId(config, now, `${sweepName}-t${String(trial).padStart(width, '0')}`);
}
