import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { validateTrainingState, type Checkpoint } from '../checkpoint.js';
import { WeightSpecSchema, type ModelWeights, type WeightSpec } from '../model-artifacts.js';
import { parseWithSchema } from '../parse-with-schema.js';
import { arrayOf, record } from '../schema-pieces.js';
import { syncDirectory, writeFileAtomic, writeJsonAtomic } from './atomic-write.js';
import { readModelArtifacts, writeModelArtifacts } from './model-files.js';
import { isProcessAlive } from './process-alive.js';

/** The checkpoint folder inside a run directory. */
export const CHECKPOINT_DIR = 'checkpoint';
/** The previous checkpoint while a new one replaces it (readable if a crash hits in between). */
export const OLD_CHECKPOINT_DIR = 'checkpoint.old';
const TEMP_PREFIX = 'checkpoint.tmp-';
/** optimizer.bin + optimizer.json: the optimizer's slots. */
const OPTIMIZER_FILES = 'optimizer';
/** best-weights.bin + best-weights.json: only in checkpoints that carry `bestWeights`. */
const BEST_WEIGHTS_FILES = 'best-weights';

/** A run directory without a readable checkpoint (missing, torn or inconsistent files). */
export class CheckpointReadError extends Error {
  override readonly name = 'CheckpointReadError';
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Removes half-written checkpoint folders left by processes that no longer exist. */
async function removeAbandonedTemps(runDir: string): Promise<void> {
  for (const name of await readdir(runDir)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(name.slice(TEMP_PREFIX.length));
    if (pid !== process.pid && !isProcessAlive(pid)) {
      await rm(join(runDir, name), { recursive: true, force: true });
    }
  }
}

/**
 * Writes `checkpoint` to `runDir/checkpoint/` as a whole: a temp folder is filled and fsynced,
 * the old checkpoint is moved to checkpoint.old, the new one renamed in place, then the old one
 * removed. A SIGKILL at any moment leaves checkpoint/ or checkpoint.old/ complete.
 */
export async function writeCheckpoint(runDir: string, checkpoint: Checkpoint): Promise<void> {
  const final = join(runDir, CHECKPOINT_DIR);
  const old = join(runDir, OLD_CHECKPOINT_DIR);
  const temp = join(runDir, `${TEMP_PREFIX}${process.pid}`);
  await removeAbandonedTemps(runDir);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp);
  await writeModelArtifacts(temp, checkpoint.model);
  await writeWeightFiles(temp, OPTIMIZER_FILES, checkpoint.optimizer);
  if (checkpoint.bestWeights) {
    await writeWeightFiles(temp, BEST_WEIGHTS_FILES, checkpoint.bestWeights);
  }
  await writeJsonAtomic(join(temp, 'state.json'), checkpoint.state);
  await syncDirectory(temp);
  if (await isDirectory(final)) {
    // checkpoint/ is complete, so an older leftover checkpoint.old/ can go first.
    await rm(old, { recursive: true, force: true });
    await rename(final, old);
  }
  // Without checkpoint/ (a crash right after the rename above), checkpoint.old/ is the one to keep
  // until the new checkpoint is in place.
  await rename(temp, final);
  await syncDirectory(runDir);
  await rm(old, { recursive: true, force: true });
}

/** Writes `<name>.bin` (the weights' bytes) and `<name>.json` (their specs) into `dir`. */
async function writeWeightFiles(dir: string, name: string, weights: ModelWeights): Promise<void> {
  await writeFileAtomic(join(dir, `${name}.bin`), new Uint8Array(weights.weightData));
  await writeJsonAtomic(join(dir, `${name}.json`), { weightSpecs: weights.weightSpecs });
}

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** A checkpoint's optimizer.json or best-weights.json: the tensors' specs, in order. */
const WeightsJsonSchema = record({ weightSpecs: arrayOf(WeightSpecSchema) });

function validateWeightSpecs(
  value: unknown,
  file: string,
  binName: string,
  byteLength: number,
): WeightSpec[] {
  const specs = parseWithSchema(WeightsJsonSchema, value, { file, path: '' })
    .weightSpecs as WeightSpec[];
  const expected = specs.reduce(
    (sum, spec) =>
      sum + (BYTES_PER_ELEMENT[spec.dtype] ?? 4) * spec.shape.reduce((a, b) => a * b, 1),
    0,
  );
  if (expected !== byteLength) {
    throw new CheckpointReadError(
      `${file}: weightSpecs describe ${expected} bytes but ${binName} holds ${byteLength}`,
    );
  }
  return specs;
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CheckpointReadError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads `<name>.bin` and `<name>.json` from `dir`, checking that the specs cover the bytes. */
async function readWeightFiles(dir: string, name: string): Promise<ModelWeights> {
  const binFile = join(dir, `${name}.bin`);
  const bytes = await readFile(binFile).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new CheckpointReadError(`${binFile} does not exist`) : error;
  });
  const specsFile = join(dir, `${name}.json`);
  const weightSpecs = validateWeightSpecs(
    await readJson(specsFile),
    specsFile,
    `${name}.bin`,
    bytes.byteLength,
  );
  const weightData = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  return { weightSpecs, weightData };
}

/** The tensors `specs` describe (name, shape, dtype), to compare two layouts. */
function layout(specs: WeightSpec[]): string {
  return JSON.stringify(specs.map(({ name, shape, dtype }) => [name, shape, dtype]));
}

/**
 * Reads one checkpoint folder (model, optimizer state, training state, and the best weights
 * where early stopping kept them), validating each file.
 */
export async function readCheckpointDirectory(dir: string): Promise<Checkpoint> {
  const state = validateTrainingState(
    await readJson(join(dir, 'state.json')),
    join(dir, 'state.json'),
  );
  const optimizer = await readWeightFiles(dir, OPTIMIZER_FILES);
  const model = await readModelArtifacts(dir);
  const bestWeightsFile = join(dir, `${BEST_WEIGHTS_FILES}.json`);
  // A checkpoint without best weights (early stopping does not restore, or an earlier version
  // wrote it) simply has no best-weights files.
  if (!(await isFile(bestWeightsFile))) return { model, optimizer, state };
  const bestWeights = await readWeightFiles(dir, BEST_WEIGHTS_FILES);
  if (layout(bestWeights.weightSpecs) !== layout(model.weightSpecs ?? [])) {
    throw new CheckpointReadError(
      `${bestWeightsFile}: weightSpecs differ from model.json's, so the best weights do not fit the model`,
    );
  }
  return { model, optimizer, state, bestWeights };
}

/**
 * The latest complete checkpoint of a run: `checkpoint/`, or `checkpoint.old/` when a crash hit
 * while a new one replaced it. Throws CheckpointReadError when neither is readable.
 */
export async function readCheckpoint(runDir: string): Promise<Checkpoint> {
  const problems: string[] = [];
  for (const name of [CHECKPOINT_DIR, OLD_CHECKPOINT_DIR]) {
    const dir = join(runDir, name);
    if (!(await isDirectory(dir))) continue;
    try {
      return await readCheckpointDirectory(dir);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  throw new CheckpointReadError(
    problems.length === 0
      ? `${join(runDir, CHECKPOINT_DIR)} does not exist: the run has no checkpoint to resume from`
      : `no readable checkpoint in ${runDir}: ${problems.join('; ')}`,
  );
}
