import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { ModelArtifacts, WeightSpec } from '../model-artifacts.js';
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

/** model.json as tfjs writes it: the topology, one weights manifest group, and metadata. */
interface ModelJson {
  modelTopology?: object;
  weightsManifest?: { paths: string[]; weights: WeightSpec[] }[];
  [metadata: string]: unknown;
}

/** The metadata fields tfjs's own handlers copy between artifacts and model.json. */
const METADATA_KEYS = [
  'format',
  'generatedBy',
  'convertedBy',
  'trainingConfig',
  'signature',
  'userDefinedMetadata',
  'modelInitializer',
  'initializerSignature',
] as const;

function joinBuffers(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  if (!Array.isArray(data)) return new Uint8Array(data);
  const joined = new Uint8Array(data.reduce((sum, shard) => sum + shard.byteLength, 0));
  let offset = 0;
  for (const shard of data) {
    joined.set(new Uint8Array(shard), offset);
    offset += shard.byteLength;
  }
  return joined;
}

/**
 * Writes model artifacts as the standard tfjs layers format: weights.bin first, then model.json
 * (each atomically), so a complete model.json never points at missing weights. `dir` must exist.
 */
export async function writeModelArtifacts(dir: string, artifacts: ModelArtifacts): Promise<void> {
  if (artifacts.modelTopology instanceof ArrayBuffer) {
    throw new ModelDirectoryError(
      dir,
      'can hold only layers models (JSON topology), not a graph model',
    );
  }
  await writeFileAtomic(join(dir, WEIGHTS_FILE), joinBuffers(artifacts.weightData));
  const modelJson: ModelJson = {
    modelTopology: artifacts.modelTopology ?? {},
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
  };
  for (const key of METADATA_KEYS) {
    if (artifacts[key] != null) modelJson[key] = artifacts[key];
  }
  await writeFileAtomic(join(dir, MODEL_JSON_FILE), JSON.stringify(modelJson));
}

/** Reads a model directory written by `writeModelArtifacts` (or any standard tfjs layers model). */
export async function readModelArtifacts(dir: string): Promise<ModelArtifacts> {
  const modelFile = join(dir, MODEL_JSON_FILE);
  let modelJson: ModelJson;
  try {
    modelJson = JSON.parse(new TextDecoder().decode(await readBytes(modelFile))) as ModelJson;
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
  const shards: Uint8Array[] = [];
  const weightSpecs: WeightSpec[] = [];
  for (const group of modelJson.weightsManifest) {
    weightSpecs.push(...group.weights);
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
  const artifacts: ModelArtifacts = {
    modelTopology: modelJson.modelTopology,
    weightSpecs,
    weightData: toArrayBuffer(joinBuffers(shards.map(toArrayBuffer))),
  };
  for (const key of METADATA_KEYS) {
    if (modelJson[key] != null) Object.assign(artifacts, { [key]: modelJson[key] });
  }
  return artifacts;
}
