import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { io } from '@tensorflow/tfjs';
import { writeFileAtomic } from './atomic-write.js';

/** The weights file every model directory holds (one shard: these models are a few MB). */
export const WEIGHTS_FILE = 'weights.bin';
/** The topology file; a browser loads a run's model from `<url>/model.json`. */
export const MODEL_JSON_FILE = 'model.json';

/** A model directory that cannot be read: the message names the file and the defect. */
export class ModelDirectoryError extends Error {
  override readonly name = 'ModelDirectoryError';

  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file} ${problem}`);
  }
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ModelDirectoryError(file, 'does not exist: loading failed');
    }
    throw error;
  }
}

/**
 * Writes model artifacts as the standard tfjs layers format: weights.bin first, then model.json
 * (each atomically), so a complete model.json never points at missing weights. `dir` must exist.
 */
export async function writeModelArtifacts(
  dir: string,
  artifacts: io.ModelArtifacts,
): Promise<io.SaveResult> {
  if (artifacts.modelTopology instanceof ArrayBuffer) {
    throw new ModelDirectoryError(
      dir,
      'can hold only layers models (JSON topology), not a graph model',
    );
  }
  const weightData = io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
  await writeFileAtomic(join(dir, WEIGHTS_FILE), new Uint8Array(weightData));
  // The fields tfjs's own handlers write (its helper for this is not exported).
  const modelJson: io.ModelJSON = {
    modelTopology: artifacts.modelTopology ?? {},
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
  };
  for (const key of [
    'format',
    'generatedBy',
    'convertedBy',
    'trainingConfig',
    'signature',
    'userDefinedMetadata',
    'modelInitializer',
    'initializerSignature',
  ] as const) {
    if (artifacts[key] != null) Object.assign(modelJson, { [key]: artifacts[key] });
  }
  await writeFileAtomic(join(dir, MODEL_JSON_FILE), JSON.stringify(modelJson));
  return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON({ ...artifacts, weightData }) };
}

/** Reads a model directory written by `writeModelArtifacts` (or any standard tfjs layers model). */
export async function readModelArtifacts(dir: string): Promise<io.ModelArtifacts> {
  const modelFile = join(dir, MODEL_JSON_FILE);
  let modelJson: io.ModelJSON;
  try {
    modelJson = JSON.parse(new TextDecoder().decode(await readBytes(modelFile))) as io.ModelJSON;
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new ModelDirectoryError(modelFile, `is not valid JSON: ${error.message}`);
    }
    throw error;
  }
  if (typeof modelJson !== 'object' || modelJson === null || modelJson.modelTopology == null) {
    throw new ModelDirectoryError(modelFile, 'has no modelTopology: not a tfjs layers model');
  }
  if (!Array.isArray(modelJson.weightsManifest)) {
    throw new ModelDirectoryError(modelFile, 'has no weightsManifest array');
  }
  const root = resolve(dir);
  return io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const shards: Uint8Array[] = [];
    for (const group of manifest) {
      for (const path of group.paths) {
        const file = resolve(root, path);
        // A manifest must not reach outside its own directory.
        if (!file.startsWith(root + sep)) {
          throw new ModelDirectoryError(
            modelFile,
            `names a weights path outside its folder: ${path}`,
          );
        }
        shards.push(await readBytes(file));
      }
    }
    const specs = io.getWeightSpecs(manifest);
    const total = shards.reduce((sum, shard) => sum + shard.byteLength, 0);
    const data = new Uint8Array(total);
    let offset = 0;
    for (const shard of shards) {
      data.set(shard, offset);
      offset += shard.byteLength;
    }
    return [specs, toArrayBuffer(data)];
  });
}

/**
 * A tfjs IOHandler for a model directory (model.json + weights.bin): `model.save(handler)` writes
 * it, `tf.loadLayersModel(handler)` reads it back. A browser loads the same files with plain
 * `tf.loadLayersModel(url + '/model.json')`. `save` creates `dir` if needed.
 */
export function modelDirectoryHandler(dir: string): io.IOHandler {
  return {
    async save(artifacts) {
      await mkdir(dir, { recursive: true });
      return writeModelArtifacts(dir, artifacts);
    },
    load: () => readModelArtifacts(dir),
  };
}
