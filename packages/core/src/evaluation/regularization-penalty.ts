import * as tf from '@tensorflow/tfjs';

/**
 * The sum of `model`'s regularization losses (e.g. L2 on its kernels) at its current weights: the
 * penalty `trainOnBatch` adds to the training loss, and Keras to `val_loss` and `evaluate`'s loss.
 * 0 for a model without regularizers.
 */
export async function regularizationPenalty(model: tf.LayersModel): Promise<number> {
  // Layer by layer: the model's own calculateLosses() is empty until a Sequential is first built
  // (compiled or run), while its layers hold their regularizers from the moment they are added.
  const total = tf.tidy(() =>
    model.layers
      .flatMap((layer) => layer.calculateLosses())
      .reduce<tf.Scalar>((sum, loss) => tf.add(sum, loss), tf.scalar(0)),
  );
  try {
    return (await total.data())[0] ?? 0;
  } finally {
    total.dispose();
  }
}
