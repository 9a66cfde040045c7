import * as tf from '@tensorflow/tfjs';
import { createRng } from '@fashion-lab/data';

/** Hands out one seed per layer, derived from the model's build seed, for seeded initializers. */
export interface LayerSeeds {
  /** A glorot-uniform kernel initializer with the next layer seed. */
  glorotUniform(): ReturnType<typeof tf.initializers.glorotUniform>;
  /** The next raw seed (Dropout layers: `reseedDropout` replaces it before every training step). */
  next(): number;
}

/** Layer seeds drawn in order from the project's seeded generator: one build seed fixes all. */
export function layerSeeds(seed: number): LayerSeeds {
  const rng = createRng(seed);
  return {
    glorotUniform: () => tf.initializers.glorotUniform({ seed: rng.nextUint32() }),
    next: () => rng.nextUint32(),
  };
}
