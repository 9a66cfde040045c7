/**
 * A seeded pseudo-random generator whose whole state is four 32-bit integers, so training can
 * checkpoint it (`getState`) and resume bit-exactly (`setState`).
 */
export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform integer in [0, maxExclusive), without modulo bias; maxExclusive in 1..2^32. */
  nextInt(maxExclusive: number): number;
  /** A copy of the state: four unsigned 32-bit integers, JSON-safe. */
  getState(): number[];
  /** Restores a state returned by `getState` (of any Rng from `createRng`). */
  setState(state: number[]): void;
}

const TWO_POW_32 = 2 ** 32;

/** splitmix32 spreads a seed's bits over the state, so nearby seeds give unrelated streams. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates the project's one PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator,
 * from PractRand; period at least 2^32, passes PractRand/BigCrush), seeded through splitmix32.
 * Use one per concern (split, shuffling, augmentation) so changing one never shifts another.
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`createRng: seed must be a safe integer, got ${seed}`);
  }
  // Both halves of a seed above 2^32 count, so seeds up to 2^53 stay distinct in practice.
  const mix = splitmix32((seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) >>> 0, 0x9e3779b1));
  let a = mix() | 0;
  let b = mix() | 0;
  let c = mix() | 0;
  let d = 1;

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs after seeding are still correlated with the seed; the reference skips 12+.
  for (let i = 0; i < 15; i++) nextUint32();

  return {
    next: () => nextUint32() / TWO_POW_32,
    nextUint32,
    nextInt(maxExclusive: number): number {
      if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_POW_32) {
        throw new RangeError(
          `nextInt: maxExclusive must be an integer in 1..2^32, got ${maxExclusive}`,
        );
      }
      // Rejection sampling: draws at or above the largest multiple of maxExclusive would bias low values.
      const limit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
      for (;;) {
        const value = nextUint32();
        if (value < limit) return value % maxExclusive;
      }
    },
    getState: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
    setState(state: number[]): void {
      if (
        !Array.isArray(state) ||
        state.length !== 4 ||
        !state.every((word) => Number.isInteger(word) && word >= 0 && word < TWO_POW_32)
      ) {
        throw new RangeError(
          `setState: expected four unsigned 32-bit integers, got ${JSON.stringify(state)}`,
        );
      }
      [a, b, c, d] = state.map((word) => word | 0) as [number, number, number, number];
    },
  };
}
