import * as tf from '@tensorflow/tfjs';
import {
  BATCH_NORM_BACKWARD_KERNEL,
  BATCH_NORM_FORWARD_KERNEL,
  hasFusedBatchNorm,
} from '../kernels/batch-norm-kernels.js';
import { batchNormFields, replaceTrainingCall, runKernel } from '../tfjs-internals.js';

/**
 * Gives every channels-last BatchNormalization layer of `model` a training pass whose gradient is
 * the closed form (dx = gamma/sigma * (dy - mean(dy) - x^ * mean(dy * x^)), one reduction each for
 * dgamma and dbeta) instead of tfjs's autodiff through `moments` and `batchNorm`, which took ~190
 * kernel calls and over half of cnn-regularized's step on WASM. Same values, same moving-average
 * updates as the stock layer; inference and serialization stay stock, so saved models load
 * anywhere. Call before training (the train steps do).
 */
export function useClosedFormBatchNormGradients(model: tf.LayersModel): void {
  replaceTrainingCall(model, 'BatchNormalization', (layer, input) => {
    const fields = batchNormFields(layer);
    if (fields === undefined) return undefined;
    const { gamma, beta, axis } = fields;
    if (!gamma || !beta || !(axis === -1 || axis === input.rank - 1)) return undefined;
    return tf.tidy(() => {
      const { output, mean, variance } = trainingBatchNorm(
        input,
        gamma.read(),
        beta.read(),
        fields.epsilon,
      );
      try {
        updateMovingAverage(fields.movingMean, mean, fields.momentum);
        updateMovingAverage(fields.movingVariance, variance, fields.momentum);
      } finally {
        tf.dispose([mean, variance]);
      }
      return output;
    });
  });
}

/** Keras's moving average: value' = value - (value - batch) * (1 - momentum). */
function updateMovingAverage(variable: tf.LayerVariable, batch: tf.Tensor, momentum: number): void {
  tf.tidy(() => {
    const current = variable.read();
    variable.write(tf.sub(current, tf.mul(tf.sub(current, batch), 1 - momentum)));
  });
}

/**
 * Batch normalization over every axis but the last, with the batch's mean and (biased) variance,
 * and a hand-written gradient. Returns the batch statistics too, for the moving averages: they are
 * kept, so the caller disposes them.
 */
export function trainingBatchNorm(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  epsilon: number,
): { output: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  const axes = [...Array(x.rank - 1).keys()];
  const perChannel = x.size / (x.shape[x.rank - 1] ?? 1);
  let mean: tf.Tensor | undefined;
  let variance: tf.Tensor | undefined;
  const normalize = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, scale, offset, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    if (hasFusedBatchNorm(input)) {
      const [value, batchMean, batchVariance, invStd] = runKernel(
        BATCH_NORM_FORWARD_KERNEL,
        { x: input, gamma: scale, beta: offset },
        { epsilon },
      ) as tf.Tensor[];
      mean = tf.keep(batchMean!.clone());
      variance = tf.keep(batchVariance!.clone());
      save([input, batchMean!, invStd!, scale]);
      return {
        value: value!,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [xSaved, meanSaved, invStdSaved, gammaSaved] = saved as tf.Tensor[];
          return runKernel(BATCH_NORM_BACKWARD_KERNEL, {
            dy,
            x: xSaved!,
            gamma: gammaSaved!,
            mean: meanSaved!,
            invStd: invStdSaved!,
          }) as tf.Tensor[];
        },
      };
    }
    const moments = tf.moments(input, axes);
    // Kept: the engine disposes the forward pass's intermediates before the caller could read them.
    mean = tf.keep(moments.mean.clone());
    variance = tf.keep(moments.variance.clone());
    const invStd = tf.rsqrt(tf.add(moments.variance, epsilon));
    const normalized = tf.mul(tf.sub(input, moments.mean), invStd);
    save([normalized, invStd, scale]);
    return {
      value: tf.add(tf.mul(normalized, scale), offset),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xHat, inverse, gammaSaved] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const dBeta = tf.sum(dy, axes);
        const dGamma = tf.sum(tf.mul(dy, xHat), axes);
        const centered = tf.sub(dy, tf.div(dBeta, perChannel));
        const dx = tf.mul(
          tf.sub(centered, tf.mul(xHat, tf.div(dGamma, perChannel))),
          tf.mul(gammaSaved, inverse),
        );
        return [dx, dGamma, dBeta];
      },
    };
  });
  const output = normalize(x, gamma, beta);
  return { output, mean: mean!, variance: variance! };
}
