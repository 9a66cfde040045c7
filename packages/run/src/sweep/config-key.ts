import type { TrainConfig } from '../config.js';

/** The key of a config that sets nothing beyond the sweep's base (a space of no fields). */
export const BASE_CONFIG_KEY = 'base';

/** How a config value reads in a key: names and numbers as they are, objects as JSON. */
function valueText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * Names a sweep's config without its seed, e.g. "learningRate=0.001 optimizer=adam": its point's
 * fields sorted by name, so the key is the same whatever order the spec lists them in. The trials
 * of one config over its seeds share it, and the statistics group by it.
 */
export function configKey(point: Partial<TrainConfig>): string {
  const fields = Object.entries(point)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (fields.length === 0) return BASE_CONFIG_KEY;
  return fields.map(([key, value]) => `${key}=${valueText(value)}`).join(' ');
}
