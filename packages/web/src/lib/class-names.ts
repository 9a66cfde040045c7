import { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES } from '@fashion-lab/data';

/** The class names of the dataset a run was trained on. */
export function classNamesFor(dataset: string): readonly string[] {
  return dataset === 'mnist' ? MNIST_CLASS_NAMES : FASHION_MNIST_CLASS_NAMES;
}
