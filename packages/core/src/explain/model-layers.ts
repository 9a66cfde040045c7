import * as tf from '@tensorflow/tfjs';

/**
 * The layers of a chain model (every model here is a tf.Sequential) in order, without the input
 * layer a loaded model carries. Explanations apply them one by one to reach inner activations,
 * which works the same on a model loaded from a run and on one just trained (its training patches
 * only change the training pass).
 */
export function chainLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
}

/** `input` through `layers` in inference mode (dropout off, batch norm on its moving statistics). */
export function applyLayers(layers: readonly tf.layers.Layer[], input: tf.Tensor): tf.Tensor {
  return layers.reduce<tf.Tensor>(
    (x, layer) => layer.apply(x, { training: false }) as tf.Tensor,
    input,
  );
}

/**
 * The class scores of the layers `head` on `input`: the logits before the final softmax when the
 * last layer is a softmax Dense (gradients of probabilities vanish once a class is certain, so
 * Grad-CAM and SmoothGrad explain the score instead), else the last layer's output.
 */
export function classScores(head: readonly tf.layers.Layer[], input: tf.Tensor): tf.Tensor {
  const last = head.at(-1);
  const config = last?.getConfig();
  if (last === undefined || last.getClassName() !== 'Dense' || config?.activation !== 'softmax') {
    return applyLayers(head, input);
  }
  const features = applyLayers(head.slice(0, -1), input);
  const [kernel, bias] = last.getWeights();
  const logits = tf.matMul(features as tf.Tensor2D, kernel as tf.Tensor2D);
  return bias === undefined ? logits : tf.add(logits, bias);
}

/** The index in `layers` of the last Conv2D, or -1 for a model without one (the dense net). */
export function lastConvolutionIndex(layers: readonly tf.layers.Layer[]): number {
  return layers.findLastIndex((layer) => layer.getClassName() === 'Conv2D');
}
