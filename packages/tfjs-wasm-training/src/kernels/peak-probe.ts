import { currentWasmBackend } from '../tfjs-internals.js';
import { simdTrainingKernels } from './simd-training-kernels.js';

/** Multiply-adds in one step of the probe's loop (12 chains of f32x4). */
const MULTIPLY_ADDS_PER_STEP = 48;
/** Short calls first: V8 optimizes a WASM function only for its later calls, never mid-call. */
const WARMUP_CALLS = 400;
const STEPS_PER_RUN = 2_000_000;

/**
 * The multiply-adds per second one core reaches in WASM SIMD here (the GEMM bench's 100%): the
 * best of `runs` runs of a loop of independent f32x4 multiply-adds, after warm-up. Undefined when
 * the current backend is not 'wasm' or has no SIMD.
 */
export function measurePeakMultiplyAdds(runs = 5): number | undefined {
  const backend = currentWasmBackend();
  const simd = backend === undefined ? undefined : simdTrainingKernels(backend);
  if (simd === undefined) return undefined;
  for (let i = 0; i < WARMUP_CALLS; i++) simd.peakProbe(1_000, 0.5, 0.25);
  let best = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    simd.peakProbe(STEPS_PER_RUN, 0.5, 0.25);
    const seconds = (performance.now() - started) / 1000;
    best = Math.max(best, (MULTIPLY_ADDS_PER_STEP * STEPS_PER_RUN) / seconds);
  }
  return best;
}
