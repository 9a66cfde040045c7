import { appendFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { makeDirectory } from '@fashion-lab/data/node';
import { validateTrainingState, type Checkpoint } from '../checkpoint.js';
import { validateEvaluation, type Evaluation } from '../evaluation.js';
import { validateEmbedding, type Embedding } from '../embedding.js';
import { validateExplain, type Explain } from '../explain.js';
import { isSafeRunId } from '../ids.js';
import { validateMetricsLine, type MetricsLine } from '../metrics-lines.js';
import { WeightSpecSchema, type ModelArtifacts, type WeightSpec } from '../model-artifacts.js';
import { parseWithSchema } from '../parse-with-schema.js';
import { validateRunJson, type RunJson } from '../run-json.js';
import { CHECKPOINT_DIR } from '../node/checkpoint-files.js';
import {
  MODEL_JSON_FILE,
  RUN_FILES,
  writeCheckpoint,
  writeFileAtomic,
  writeJsonAtomic,
  writeModelArtifacts,
} from '../node.js';
import { metricsJsonl } from './metrics-fixtures.js';
import { testRunJson } from './run-fixtures.js';

/** The files of a fixture run besides run.json; each one left out is not written. */
export interface FixtureRunContents {
  /** evaluation.json, or raw text written as it is (a damaged file for reader tests). */
  evaluation?: Evaluation | string | undefined;
  /** explain.json, or raw text written as it is. */
  explain?: Explain | string | undefined;
  /** embedding.json, or raw text written as it is. */
  embedding?: Embedding | string | undefined;
  /** metrics.jsonl as lines, or raw text written as it is (a torn last line). */
  metrics?: readonly MetricsLine[] | string | undefined;
  /** model/ (model.json + weights.bin), e.g. a real tfjs model's saved artifacts. */
  model?: ModelArtifacts | undefined;
  /** checkpoint/, the resumable state. */
  checkpoint?: Checkpoint | undefined;
  /** More files by path inside the run directory (a stray file), written as given. */
  extraFiles?: Readonly<Record<string, string | Uint8Array>> | undefined;
}

/** A run directory to write: run.json (a valid one, or raw text under a given id) and its files. */
export type FixtureRunFiles = FixtureRunContents &
  (
    | {
        /** run.json, written as it is after validation (default `testRunJson()`). */
        run?: RunJson | undefined;
        runId?: undefined;
      }
    | {
        /** run.json as raw text, written as it is: a torn or broken file for reader tests. */
        run: string;
        /** The run's directory name under the runs directory. */
        runId: string;
      }
  );

/** Bytes per element of each dtype tfjs stores with a fixed size. */
const BYTES_PER_ELEMENT: Partial<Record<WeightSpec['dtype'], number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
};

/** Where model.json lists the weights writeModelArtifacts stores (one group, one file). */
const MANIFEST = 'weightsManifest[0].weights';

/** What a reader will parse from `value` written as JSON (NaN becomes null, undefined drops). */
function asWritten(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function byteLength(data: ArrayBuffer | ArrayBuffer[] | undefined): number {
  if (data === undefined) return 0;
  return Array.isArray(data)
    ? data.reduce((sum, shard) => sum + shard.byteLength, 0)
    : data.byteLength;
}

/** Checks weight specs against the bytes they describe, as tfjs will when it loads them. */
function checkWeights(
  specs: readonly unknown[] | undefined,
  bytes: number,
  file: string,
  field: string,
): void {
  let expected: number | undefined = 0;
  (specs ?? []).forEach((spec, i) => {
    const where = { file, path: `${field}[${i}]` };
    const { dtype, shape } = parseWithSchema(WeightSpecSchema, spec, where) as WeightSpec;
    const size = BYTES_PER_ELEMENT[dtype];
    // Strings have no fixed size: such weights cannot be counted.
    expected =
      size === undefined || expected === undefined
        ? undefined
        : expected + size * shape.reduce((a, b) => a * b, 1);
  });
  if (expected !== undefined && expected !== bytes) {
    throw new RangeError(
      `${file}: ${field} describe ${expected} bytes of weights but the weight data holds ${bytes}`,
    );
  }
}

/** The run.json value to write, and the run's id. */
function runJsonOf(files: FixtureRunFiles): { runJson: unknown; runId: string } {
  if (typeof files.run === 'string') return { runJson: files.run, runId: files.runId! };
  const runJson = files.run ?? testRunJson();
  return { runJson, runId: runJson.runId };
}

/** The paths (inside the run directory) the run's own options write. */
function contractPaths(files: FixtureRunFiles): string[] {
  return [
    RUN_FILES.run,
    ...(files.metrics === undefined ? [] : [RUN_FILES.metrics]),
    ...(files.evaluation === undefined ? [] : [RUN_FILES.evaluation]),
    ...(files.explain === undefined ? [] : [RUN_FILES.explain]),
    ...(files.embedding === undefined ? [] : [RUN_FILES.embedding]),
    ...(files.model === undefined ? [] : [RUN_FILES.model]),
    ...(files.checkpoint === undefined ? [] : [CHECKPOINT_DIR]),
  ];
}

/** Where each extra file goes, refusing paths that leave the run or overwrite its own files. */
function extraFilePaths(runDir: string, files: FixtureRunFiles): [string, string | Uint8Array][] {
  const taken = contractPaths(files);
  return Object.entries(files.extraFiles ?? {}).map(([name, content]) => {
    const path = resolve(runDir, name);
    const inside = relative(runDir, path);
    if (isAbsolute(name) || inside === '' || inside.startsWith('..')) {
      throw new RangeError(`writeFixtureRun: extraFiles "${name}" is not a path inside the run`);
    }
    const owner = taken.find((own) => inside === own || inside.startsWith(own + sep));
    if (owner !== undefined) {
      throw new RangeError(
        `writeFixtureRun: extraFiles "${name}" would overwrite ${owner}, which the fixture writes itself`,
      );
    }
    return [path, content];
  });
}

/**
 * Writes `runsDir/<runId>/` as the RunDirectoryReporter leaves it (run.json, metrics.jsonl,
 * evaluation.json, explain.json, embedding.json, model/, checkpoint/, atomically, run.json last) and returns the run directory.
 * Every file given as a value is first checked the way the readers will read it, so a fixture that
 * would not read is refused before anything is written, with the file and the field named. Files
 * not given are left as they are, so a test can rewrite one file of a run it wrote.
 */
export async function writeFixtureRun(
  runsDir: string,
  files: FixtureRunFiles = {},
): Promise<string> {
  const { runJson, runId } = runJsonOf(files);
  if (!isSafeRunId(runId)) {
    throw new RangeError(
      `writeFixtureRun: run id ${JSON.stringify(runId)} is not a run directory name (letters, digits, - and _)`,
    );
  }
  const runDir = join(runsDir, runId);
  const file = (name: string): string => join(runDir, name);

  if (typeof runJson !== 'string') validateRunJson(asWritten(runJson), file(RUN_FILES.run));
  if (files.evaluation !== undefined && typeof files.evaluation !== 'string') {
    validateEvaluation(asWritten(files.evaluation), file(RUN_FILES.evaluation));
  }
  if (files.explain !== undefined && typeof files.explain !== 'string') {
    validateExplain(asWritten(files.explain), file(RUN_FILES.explain));
  }
  if (files.embedding !== undefined && typeof files.embedding !== 'string') {
    validateEmbedding(asWritten(files.embedding), file(RUN_FILES.embedding));
  }
  if (files.metrics !== undefined && typeof files.metrics !== 'string') {
    files.metrics.forEach((line, i) =>
      validateMetricsLine(asWritten(line), {
        file: `${file(RUN_FILES.metrics)}:${i + 1}`,
        path: '',
      }),
    );
  }
  if (files.model !== undefined) {
    const modelJson = join(runDir, RUN_FILES.model, MODEL_JSON_FILE);
    checkWeights(files.model.weightSpecs, byteLength(files.model.weightData), modelJson, MANIFEST);
  }
  if (files.checkpoint !== undefined) {
    const { model, optimizer, state } = files.checkpoint;
    const dir = join(runDir, CHECKPOINT_DIR);
    validateTrainingState(asWritten(state), join(dir, 'state.json'));
    checkWeights(
      model.weightSpecs,
      byteLength(model.weightData),
      join(dir, MODEL_JSON_FILE),
      MANIFEST,
    );
    checkWeights(
      optimizer.weightSpecs,
      optimizer.weightData.byteLength,
      join(dir, 'optimizer.json'),
      'weightSpecs',
    );
  }
  const extraFiles = extraFilePaths(runDir, files);

  await makeDirectory(runDir);
  for (const [path, content] of extraFiles) {
    await makeDirectory(dirname(path));
    await writeFileAtomic(path, content);
  }
  if (files.metrics !== undefined) {
    const text = typeof files.metrics === 'string' ? files.metrics : metricsJsonl(files.metrics);
    await writeFileAtomic(file(RUN_FILES.metrics), text);
  }
  if (files.checkpoint !== undefined) await writeCheckpoint(runDir, files.checkpoint);
  if (files.model !== undefined) {
    await makeDirectory(file(RUN_FILES.model));
    await writeModelArtifacts(file(RUN_FILES.model), files.model);
  }
  if (typeof files.evaluation === 'string') {
    await writeFileAtomic(file(RUN_FILES.evaluation), files.evaluation);
  } else if (files.evaluation !== undefined) {
    await writeJsonAtomic(file(RUN_FILES.evaluation), files.evaluation);
  }
  for (const name of ['explain', 'embedding'] as const) {
    const content = files[name];
    if (typeof content === 'string') await writeFileAtomic(file(RUN_FILES[name]), content);
    else if (content !== undefined) await writeJsonAtomic(file(RUN_FILES[name]), content);
  }
  if (typeof runJson === 'string') await writeFileAtomic(file(RUN_FILES.run), runJson);
  else await writeJsonAtomic(file(RUN_FILES.run), runJson);
  return runDir;
}

/**
 * Appends `lines` (checked like writeFixtureRun's) or raw text to a run's metrics.jsonl, as the
 * reporter appends while training: for tests of live views that tail a running run.
 */
export async function appendFixtureMetrics(
  runDir: string,
  lines: readonly MetricsLine[] | string,
): Promise<void> {
  const file = join(runDir, RUN_FILES.metrics);
  if (typeof lines !== 'string') {
    lines.forEach((line, i) =>
      validateMetricsLine(asWritten(line), { file: `${file} (appended line ${i + 1})`, path: '' }),
    );
  }
  await appendFile(file, typeof lines === 'string' ? lines : metricsJsonl(lines));
}
