import { io } from '@tensorflow/tfjs';
import { readModelArtifacts, writeModelArtifacts } from '@fashion-lab/run/node';
import { makeDirectory } from '@fashion-lab/data/node';

/**
 * A tfjs IOHandler for a model directory (model.json + weights.bin): `model.save(handler)` writes
 * it, `tf.loadLayersModel(handler)` reads it back. A browser loads the same files with plain
 * `tf.loadLayersModel(url + '/model.json')`. `save` creates `dir` if needed.
 */
export function modelDirectoryHandler(dir: string): io.IOHandler {
  return {
    async save(artifacts) {
      await makeDirectory(dir);
      await writeModelArtifacts(dir, artifacts);
      const weightData = io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON({ ...artifacts, weightData }) };
    },
    // The run package reads the same fields tfjs's handlers do, typed without tfjs.
    load: async () => (await readModelArtifacts(dir)) as io.ModelArtifacts,
  };
}
