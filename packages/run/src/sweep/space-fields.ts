import { CONFIG_KEYS, TrainConfigSchema, type TrainConfig } from '../config.js';

/** A config field a sweep's `space` may vary: every one but `seed` (the spec's `seeds` does that). */
export type SweepField = Exclude<keyof TrainConfig, 'seed'>;

/** Every field `space` may hold, in config order. */
export const SWEEP_FIELDS = CONFIG_KEYS.filter((key): key is SweepField => key !== 'seed');

/** How a numeric field is sampled: real fields as drawn, integer fields rounded. */
export type NumericKind = 'real' | 'integer';

interface SchemaNode {
  type?: string;
  wrapped?: SchemaNode;
  pipe?: readonly SchemaNode[];
}

/**
 * Whether config field `key` is a number (so `uniform` and `loguniform` may sample it) and whether
 * a whole one; undefined for names, objects and flags. Read off the field's own schema, so a new
 * numeric config field is sweepable without a change here.
 */
export function numericKind(key: keyof TrainConfig): NumericKind | undefined {
  let schema = TrainConfigSchema.entries[key] as SchemaNode;
  while (schema.wrapped !== undefined) schema = schema.wrapped;
  const steps = schema.pipe ?? [schema];
  if (steps[0]?.type !== 'number') return undefined;
  return steps.some((step) => step.type === 'integer' || step.type === 'safe_integer')
    ? 'integer'
    : 'real';
}
