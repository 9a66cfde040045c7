/** One mini-batch ready for a model: `size` images as floats in [0, 1] and their labels. */
export interface Batch {
  /** size * 784 floats in [0, 1]. */
  images: Float32Array;
  labels: Uint8Array;
  size: number;
}
