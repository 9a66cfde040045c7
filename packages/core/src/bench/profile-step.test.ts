import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { silenceTfjsNodeHint } from '@fashion-lab/tfjs-wasm-training';
import { profileTrainStep } from './profile-step.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  silenceTfjsNodeHint();
});

/** Two images of a fixed pattern: the cpu backend's convolution gradients are slow. */
function batchOf(index: number): { images: Float32Array; labels: Uint8Array; size: number } {
  const images = new Float32Array(2 * 784).map((_, i) => ((i * 31 + index) % 97) / 97);
  return { images, labels: new Uint8Array([index % 10, (index + 3) % 10]), size: 2 };
}

describe('profileTrainStep', () => {
  it('lists registered kernels once and the custom-gradient wrappers around them apart', async () => {
    const profile = await profileTrainStep('cnn-regularized', batchOf, 1);
    expect(profile.kernels.length).toBeGreaterThan(0);
    for (const time of profile.kernels)
      expect(tf.getKernel(time.kernel, 'cpu'), time.kernel).toBeDefined();
    // The three BatchNorm layers' forward passes (and a few tfjs ops) run under tf.customGrad.
    for (const time of profile.wrappers)
      expect(tf.getKernel(time.kernel, 'cpu'), time.kernel).toBeUndefined();
    const wrapperCalls = profile.wrappers.reduce((calls, time) => calls + time.callsPerStep, 0);
    expect(wrapperCalls).toBeGreaterThanOrEqual(3);
    const filterGradient = profile.kernels.find((time) => time.kernel === 'Conv2DBackpropFilter');
    expect(filterGradient?.callsPerStep).toBe(3);
  });
});
