/** Side length of every image in both datasets, in pixels. */
export const IMAGE_SIZE = 28;

/** Bytes (and model inputs) per image: 28 x 28 grayscale. */
export const IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE;

/** Both datasets have ten classes, labelled 0..9. */
export const NUM_CLASSES = 10;

/** Fashion-MNIST label names in label order (Zalando's published table). */
export const FASHION_MNIST_CLASS_NAMES: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);

/** Original MNIST label names: the digits themselves. */
export const MNIST_CLASS_NAMES: readonly string[] = Object.freeze(
  Array.from({ length: NUM_CLASSES }, (_, digit) => String(digit)),
);
