import * as v from 'valibot';
import {
  PartialConfigSchema,
  TrainConfigSchema,
  type ModelName,
  type TrainConfig,
} from '../config.js';
import { DEFAULT_MODEL, defaultConfig } from '../config-defaults.js';
import { MODEL_TABLE } from '../model-table.js';
import { at, fail, parseWithSchema, type Where } from '../parse-with-schema.js';
import { anyString, arrayOf, boolean, plainObject, positiveInteger } from '../schema-pieces.js';
import { parseSpace } from './parse-space.js';
import { distinctPoints, isRandomSearch, listedValues, type SweepSpace } from './sweep-space.js';
import { parseJsonText } from '../json-syntax-error-location.js';

/** Successive halving (ASHA): train every config to `minEpochs`, the best 1/factor on, and so on. */
export interface SweepHalving {
  /** The first rung: every config trains this many epochs before any is dropped. */
  minEpochs: number;
  /** Rungs are minEpochs * factor^k; about 1 config in `factor` goes on from each rung. */
  factor: number;
}

/**
 * A sweep spec as `parseSweepSpec` returns it: checked and completed (`seeds` always set, the
 * random search's `seed` set when it draws), so expanding it twice gives the same trials.
 */
export interface SweepSpec {
  /** Letters, digits, - and _; starts the sweep id and goes into every trial's run id. */
  name: string;
  description?: string;
  /** Config fields every trial shares (run.json's config fields; model defaults fill the rest). */
  base: Partial<TrainConfig>;
  /** Explicit configs (partial, over `base`), each crossed with the space; absent: one, `{}`. */
  configs?: Partial<TrainConfig>[];
  /** What varies: a grid of lists or a random search's distributions (see `SweepSpace`). */
  space: SweepSpace;
  /** Every config trains once per seed. */
  seeds: number[];
  /** Random search: how many points to draw from the distributions. */
  trials?: number;
  /** Random search: the seed of the draws (the same spec and seed give the same trials). */
  seed?: number;
  halving?: SweepHalving;
  /** Whether trials compute explanations (saliency maps); off keeps a sweep's cost its training. */
  explain: boolean;
}

/** At most this many trials (configs x seeds) in one sweep: a typo in a grid should not make millions. */
export const MAX_SWEEP_TRIALS = 100_000;

/** The random search's seed when the spec gives none (a run's default seed). */
const DEFAULT_DRAW_SEED = 42;

const NAME = 'at most 64 letters, digits, - and _, starting with a letter or digit';
const FACTOR = 'an integer >= 2';
const seed = TrainConfigSchema.entries.seed;

/** A sweep spec file as written: strict, since a typo there would otherwise be silently ignored. */
export const SweepSpecSchema = v.strictObject(
  {
    name: v.exactOptional(
      v.pipe(v.string(NAME), v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, NAME), v.maxLength(64, NAME)),
    ),
    description: v.exactOptional(anyString),
    base: v.exactOptional(PartialConfigSchema),
    configs: v.exactOptional(
      v.pipe(arrayOf(PartialConfigSchema), v.minLength(1, 'a non-empty list of configs')),
    ),
    /** Checked field by field by `parseSpace`, against each config field's own schema. */
    space: v.exactOptional(plainObject),
    trials: v.exactOptional(positiveInteger),
    seed: v.exactOptional(seed),
    seeds: v.exactOptional(v.pipe(arrayOf(seed), v.minLength(1, 'a non-empty list of seeds'))),
    halving: v.exactOptional(
      v.strictObject(
        {
          minEpochs: positiveInteger,
          factor: v.pipe(v.number(FACTOR), v.integer(FACTOR), v.minValue(2, FACTOR)),
        },
        'an object',
      ),
    ),
    explain: v.exactOptional(boolean),
  },
  'an object',
);

/** `dir/lr-check.json` -> `lr-check`, without node:path (this runs in browsers too). */
function baseName(file: string): string {
  return (file.split(/[\\/]/).at(-1) ?? file).replace(/\.json$/i, '');
}

/** The same JSON whatever the key order, to compare configs. */
function canonical(value: Partial<TrainConfig>): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))),
  );
}

/** `configs` must not set a seed or a field the space varies, nor repeat a config. */
function checkConfigs(configs: Partial<TrainConfig>[], space: SweepSpace, where: Where): void {
  const seen = new Set<string>();
  configs.forEach((config, i) => {
    const here = at(where, i);
    for (const [key, value] of Object.entries(config)) {
      if (key === 'seed')
        fail(at(here, key), 'absent (every trial\'s seed comes from "seeds")', value);
      if (key in space) fail(at(here, key), `absent (space.${key} varies it)`, value);
    }
    if (seen.has(canonical(config))) fail(here, 'a config not listed before', config);
    seen.add(canonical(config));
  });
}

/** The epoch counts the trials would train for, one entry per distinct count. */
function finalEpochCounts(
  base: Partial<TrainConfig>,
  configs: Partial<TrainConfig>[],
  space: SweepSpace,
) {
  const sweptModels = space.model === undefined ? undefined : listedValues(space.model);
  const counts = new Set<number>();
  for (const config of configs) {
    const models = (sweptModels ?? [config.model ?? base.model ?? DEFAULT_MODEL]) as ModelName[];
    for (const model of models) {
      counts.add(config.epochs ?? base.epochs ?? MODEL_TABLE[model].defaults.epochs);
    }
  }
  return [...counts];
}

/** Halving trains every trial to one final epoch count, with at least one rung below it. */
function checkHalving(
  halving: SweepHalving,
  base: Partial<TrainConfig>,
  configs: Partial<TrainConfig>[],
  space: SweepSpace,
  where: Where,
): void {
  if (space.epochs !== undefined) {
    fail(
      at(where, 'space.epochs'),
      'absent with halving (halving decides how far each config trains)',
      space.epochs,
    );
  }
  const counts = finalEpochCounts(base, configs, space);
  if (counts.length > 1) {
    fail(
      at(where, 'base.epochs'),
      `set with halving, since these configs' own epoch counts differ (${counts.join(', ')})`,
      base.epochs,
    );
  }
  const final = counts[0] ?? 0;
  if (halving.minEpochs >= final) {
    fail(
      at(where, 'halving.minEpochs'),
      `less than the final epoch count (${final})`,
      halving.minEpochs,
    );
  }
}

/**
 * Validates a sweep spec file (JSON text or parsed) before anything trains, throwing one
 * RunFileError sentence naming the field, e.g. "sweep.json: space.learningRate[1] must be a
 * positive number, got -1". Returns the spec completed with its defaults (see `SweepSpec`).
 */
export function parseSweepSpec(json: unknown, file: string): SweepSpec {
  const where: Where = { file, path: '' };
  const value = parseJsonText(json, where);
  const spec = parseWithSchema(SweepSpecSchema, value, where);
  const name = spec.name ?? baseName(file);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(name)) fail(at(where, 'name'), NAME, name);

  const { seed: baseSeed, ...base } = (spec.base ?? {}) as Partial<TrainConfig>;
  if (spec.seeds !== undefined && baseSeed !== undefined) {
    fail(
      at(where, 'base.seed'),
      'absent when "seeds" is given (seeds sets every trial\'s seed)',
      baseSeed,
    );
  }
  const seeds = spec.seeds ?? [baseSeed ?? defaultConfig(DEFAULT_MODEL).seed];
  const repeated = seeds.findIndex((s, i) => seeds.indexOf(s) !== i);
  if (repeated >= 0)
    fail(at(where, `seeds[${repeated}]`), 'a seed not listed before', seeds[repeated]);

  const space = parseSpace(spec.space ?? {}, at(where, 'space'));
  const configs = spec.configs as Partial<TrainConfig>[] | undefined;
  if (configs !== undefined) checkConfigs(configs, space, at(where, 'configs'));

  const random = isRandomSearch(space);
  if (random && spec.trials === undefined) {
    fail(
      at(where, 'trials'),
      'a positive integer (how many points to draw from the distributions in space)',
      undefined,
    );
  }
  if (!random) {
    const extra =
      spec.trials !== undefined ? 'trials' : spec.seed !== undefined ? 'seed' : undefined;
    if (extra !== undefined) {
      fail(
        at(where, extra),
        'absent (space holds no distribution to draw from: it is a grid)',
        spec[extra],
      );
    }
  }
  const points = distinctPoints(space);
  if (spec.trials !== undefined && spec.trials > points) {
    fail(at(where, 'trials'), `at most ${points} (the distinct points of space)`, spec.trials);
  }
  const total = (configs?.length ?? 1) * (spec.trials ?? points) * seeds.length;
  if (total > MAX_SWEEP_TRIALS) {
    fail(
      at(where, random ? 'trials' : 'space'),
      `at most ${MAX_SWEEP_TRIALS} trials in all (configs x seeds)`,
      total,
    );
  }
  if (spec.halving !== undefined) checkHalving(spec.halving, base, configs ?? [{}], space, where);

  return {
    name,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    base,
    ...(configs === undefined ? {} : { configs }),
    space,
    seeds,
    ...(random ? { trials: spec.trials as number, seed: spec.seed ?? DEFAULT_DRAW_SEED } : {}),
    ...(spec.halving === undefined ? {} : { halving: spec.halving }),
    explain: spec.explain ?? false,
  };
}
