import type { Rng } from './rng.js';

/** A seeded random permutation of 0..count-1 (Fisher-Yates), drawn from `rng`. */
export function shuffledIndices(count: number, rng: Rng): Uint32Array {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`shuffledIndices: count must be a non-negative integer, got ${count}`);
  }
  const indices = new Uint32Array(count);
  for (let i = 0; i < count; i++) indices[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const swap = indices[i]!;
    indices[i] = indices[j]!;
    indices[j] = swap;
  }
  return indices;
}
