import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelDirectoryError } from '@fashion-lab/run/node';
import { silenceTfjsNodeHint } from '@fashion-lab/tfjs-wasm-training';
import { modelDirectoryHandler } from './model-directory-handler.js';

let dir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  silenceTfjsNodeHint();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fashion-lab-model-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function tinyModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [4],
      units: 3,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(
    tf.layers.dense({
      units: 2,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    }),
  );
  return model;
}

describe('modelDirectoryHandler', () => {
  it('saves a model that tf.loadLayersModel reads back with the same weights', async () => {
    const model = tinyModel();
    const modelDir = join(dir, 'model');
    const result = await model.save(modelDirectoryHandler(modelDir));
    expect(result.modelArtifactsInfo.weightDataBytes).toBe((4 * 3 + 3 + 3 * 2 + 2) * 4);

    const loaded = await tf.loadLayersModel(modelDirectoryHandler(modelDir));
    const input = tf.tensor2d([[0.1, -0.2, 0.3, 0.4]]);
    const expected = model.predict(input) as tf.Tensor;
    const actual = loaded.predict(input) as tf.Tensor;
    expect(Array.from(await actual.data())).toEqual(Array.from(await expected.data()));
    tf.dispose([input, expected, actual]);
    model.dispose();
    loaded.dispose();
  });

  it('writes a standard model.json that a browser loads from its URL', async () => {
    const model = tinyModel();
    await model.save(modelDirectoryHandler(dir));
    model.dispose();
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.modelTopology.class_name).toBe('Sequential');
    expect(json.weightsManifest).toEqual([
      {
        paths: ['weights.bin'],
        weights: expect.arrayContaining([expect.objectContaining({ dtype: 'float32' })]),
      },
    ]);
    expect(json.weightsManifest[0].weights).toHaveLength(4);
    const weights = await readFile(join(dir, 'weights.bin'));
    expect(weights.byteLength).toBe(23 * 4);
  });

  it('serves a browser: tf.loadLayersModel(url + "/model.json") over HTTP loads it', async () => {
    const model = tinyModel();
    await model.save(modelDirectoryHandler(dir));
    const requested: string[] = [];
    // tfjs's own HTTP handler, as in a browser: weights resolve relative to model.json's URL.
    const fetchFunc = async (input: string | URL | Request): Promise<Response> => {
      const url = String(input);
      requested.push(url);
      const name = new URL(url).pathname.split('/').at(-1)!;
      return new Response(await readFile(join(dir, name)), { status: 200 });
    };
    const loaded = await tf.loadLayersModel(
      tf.io.http('http://localhost:3000/runs/r1/model/model.json', { fetchFunc }),
    );
    expect(requested).toEqual([
      'http://localhost:3000/runs/r1/model/model.json',
      'http://localhost:3000/runs/r1/model/weights.bin',
    ]);
    const input = tf.ones([1, 4]);
    const [expected, actual] = [
      model.predict(input) as tf.Tensor,
      loaded.predict(input) as tf.Tensor,
    ];
    expect(await actual.data()).toEqual(await expected.data());
    tf.dispose([input, expected, actual]);
    model.dispose();
    loaded.dispose();
  });

  it.each([
    ['a missing model.json', async () => undefined, 'model.json does not exist: loading failed'],
    [
      'broken JSON',
      async (d: string) => writeFile(join(d, 'model.json'), '{'),
      'model.json is not valid JSON',
    ],
    [
      'no topology',
      async (d: string) => writeFile(join(d, 'model.json'), '{"weightsManifest":[]}'),
      'has no modelTopology',
    ],
    [
      'a weights path outside the folder',
      async (d: string) =>
        writeFile(
          join(d, 'model.json'),
          JSON.stringify({
            modelTopology: {},
            weightsManifest: [{ paths: ['../x.bin'], weights: [] }],
          }),
        ),
      'names a weights path outside its folder: ../x.bin',
    ],
  ])('reports %s naming the file', async (_, setup, message) => {
    await setup(dir);
    const load = modelDirectoryHandler(dir).load!();
    await expect(load).rejects.toThrow(ModelDirectoryError);
    await expect(modelDirectoryHandler(dir).load!()).rejects.toThrow(message);
  });
});
