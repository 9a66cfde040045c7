import { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES } from '@fashion-lab/data';
import type { DatasetName } from '@fashion-lab/run';

/** The class names of a dataset, for tables and the confusion matrix. */
export function classNamesFor(dataset: DatasetName): readonly string[] {
  return dataset === 'mnist' ? MNIST_CLASS_NAMES : FASHION_MNIST_CLASS_NAMES;
}
