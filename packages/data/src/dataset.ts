/** The two datasets this code reads; both share the IDX format, image size and ten classes. */
export type DatasetName = 'fashion-mnist' | 'mnist';

/** `count` images of 28x28 bytes (0..255, white clothing on black) and their labels 0..9. */
export interface ImageSet {
  /** count * 784 bytes, image after image, row after row. */
  images: Uint8Array;
  /** count labels, one byte each. */
  labels: Uint8Array;
  count: number;
}

/** A whole dataset as published: the training set and the fixed 10,000-image test set. */
export interface Dataset {
  name: DatasetName;
  classNames: readonly string[];
  train: ImageSet;
  test: ImageSet;
}
