import type * as tf from '@tensorflow/tfjs';
import type { LayerSummary } from '@fashion-lab/run';

/** The model's Keras-style layer table (name, type, output shape, params), for run.json. */
export function summarizeLayers(model: tf.LayersModel): LayerSummary[] {
  return model.layers.map((layer) => ({
    name: layer.name,
    type: layer.getClassName(),
    outputShape: singleShape(layer.outputShape, layer.name),
    params: layer.countParams(),
  }));
}

/** Total parameters, trainable and not (BatchNorm's moving statistics count, as in Keras). */
export function countParams(model: tf.LayersModel): number {
  return model.countParams();
}

function singleShape(shape: tf.Shape | tf.Shape[], layerName: string): (number | null)[] {
  if (shape.length > 0 && shape.every((dimension) => Array.isArray(dimension))) {
    throw new Error(
      `models/summary.ts: layer '${layerName}' has several outputs; only single-output layers are supported`,
    );
  }
  return [...(shape as tf.Shape)];
}
