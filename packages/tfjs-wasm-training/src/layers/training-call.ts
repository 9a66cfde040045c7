import type * as tf from '@tensorflow/tfjs';

/** A layer's `call` (private in tfjs's typings). */
type LayerCall = (
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Record<string, unknown>,
) => tf.Tensor | tf.Tensor[];

/** Layers whose training call was replaced already (a loaded model may be trained more than once). */
const replaced = new WeakSet<tf.layers.Layer>();

/**
 * Gives every `className` layer of `model` a training pass of its own: `training(layer, input)`
 * returns the output of a training-mode call, or undefined where the stock call must run (which
 * also serves inference). Once per layer; the layer stays its stock class, so saved models load
 * anywhere.
 */
export function replaceTrainingCall<Internals>(
  model: tf.LayersModel,
  className: string,
  training: (layer: Internals, input: tf.Tensor) => tf.Tensor | undefined,
): void {
  for (const layer of model.layers) {
    if (layer.getClassName() !== className || replaced.has(layer)) continue;
    const internals = layer as unknown as { call: LayerCall };
    const stockCall = internals.call.bind(layer);
    internals.call = (inputs, kwargs) => {
      const input = Array.isArray(inputs) ? inputs[0] : inputs;
      const output =
        kwargs['training'] === true && input !== undefined
          ? training(layer as unknown as Internals, input)
          : undefined;
      return output ?? stockCall(inputs, kwargs);
    };
    replaced.add(layer);
  }
}
