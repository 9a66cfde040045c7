import * as tf from '@tensorflow/tfjs';

/**
 * An "optimizer" that only copies the gradients it is handed into `target` (flat, in the order of
 * the variables it is given) and changes nothing. Compiling a model with it makes the model's own
 * `trainOnBatch` (loss, regularization penalties, metrics) compute a shard's gradients, so a data-
 * parallel step differs from the one-thread step only in where the optimizer update happens.
 */
export class GradientCapture extends tf.Optimizer {
  static readonly className = 'GradientCapture';

  /** @param target receives the gradients: one flat float32 vector of the trainable weights. */
  constructor(private readonly target: Float32Array) {
    super();
  }

  override applyGradients(
    gradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[],
  ): void {
    if (!Array.isArray(gradients)) {
      throw new TypeError('GradientCapture: expected gradients as a list in variable order');
    }
    let offset = 0;
    for (const { name, tensor } of gradients) {
      const values = tensor.dataSync() as Float32Array;
      if (offset + values.length > this.target.length) {
        throw new RangeError(
          `GradientCapture: gradient '${name}' does not fit the ${this.target.length}-value buffer`,
        );
      }
      this.target.set(values, offset);
      offset += values.length;
    }
    if (offset !== this.target.length) {
      throw new RangeError(
        `GradientCapture: got ${offset} gradient values for a ${this.target.length}-value buffer`,
      );
    }
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {};
  }
}
