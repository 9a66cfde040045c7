import * as tf from '@tensorflow/tfjs';

/** The model's topology and weights in memory, as `model.save` would hand them to a file handler. */
export async function serializeModel(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts) throw new Error('tfjs did not hand over the model artifacts');
  return artifacts;
}
