import * as tf from '@tensorflow/tfjs';
import { createRng, type Batch } from '@fashion-lab/data';
import type { ModelName } from '@fashion-lab/run';
import { defaultConfig } from '@fashion-lab/run';
import { MODELS } from '../models/registry.js';
import { createInProcessTrainStep } from '../training/train-step.js';

/** The time one kernel took over all profiled steps. */
export interface KernelTime {
  kernel: string;
  /** Milliseconds per training step. */
  msPerStep: number;
  callsPerStep: number;
}

/** Where a training step's time goes, kernel by kernel, slowest first. */
export interface StepProfile {
  model: ModelName;
  /** Wall milliseconds per step while profiling (kernels plus everything between them). */
  stepMs: number;
  /** Registered kernels of the backend: each kernel's time counted once. */
  kernels: KernelTime[];
  /**
   * Custom-gradient forward functions (tfjs names them after their scope, e.g. "unnamed scope"):
   * their time includes the kernels they run, already in `kernels`, so it is never added to them.
   */
  wrappers: KernelTime[];
}

const WARMUP_STEPS = 2;

/**
 * Profiles `steps` in-process training steps of `model` on the current backend with `tf.profile`:
 * each kernel's wall time (the backend's own timer, which for WASM and cpu includes the JS work
 * of kernels we register), summed by kernel name, custom-gradient wrappers apart. The gap between `stepMs` and the kernels' sum is
 * tfjs's own bookkeeping (tape, gradients' glue, tensor creation).
 */
export async function profileTrainStep(
  model: ModelName,
  batchOf: (index: number) => Batch,
  steps: number,
): Promise<StepProfile> {
  const network = MODELS[model].build(1);
  const config = defaultConfig(model, { optimizer: 'adam', learningRate: 0.001 });
  const step = await createInProcessTrainStep({
    model: network,
    config,
    learningRate: config.learningRate,
  });
  const rng = createRng(1);
  try {
    for (let i = 0; i < WARMUP_STEPS; i++) await step.step(batchOf(i), rng);
    const started = performance.now();
    const profile = await tf.profile(async () => {
      for (let i = 0; i < steps; i++) await step.step(batchOf(WARMUP_STEPS + i), rng);
    });
    const stepMs = (performance.now() - started) / steps;
    const totals = new Map<string, { ms: number; calls: number }>();
    for (const kernel of profile.kernels) {
      const total = totals.get(kernel.name) ?? { ms: 0, calls: 0 };
      total.ms += Number(kernel.kernelTimeMs);
      total.calls++;
      totals.set(kernel.name, total);
    }
    const times = [...totals]
      .map(([kernel, { ms, calls }]) => ({
        kernel,
        msPerStep: ms / steps,
        callsPerStep: calls / steps,
      }))
      .sort((a, b) => b.msPerStep - a.msPerStep);
    // tf.profile records a customGrad's forward function like a kernel, around the kernels inside.
    const backend = tf.getBackend();
    const isKernel = (time: KernelTime): boolean =>
      tf.getKernel(time.kernel, backend) !== undefined;
    return {
      model,
      stepMs,
      kernels: times.filter(isKernel),
      wrappers: times.filter((time) => !isKernel(time)),
    };
  } finally {
    await step.dispose();
    network.dispose();
  }
}
