import { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES } from '@fashion-lab/data';

const MODEL_NAMES: Record<string, string> = {
  dense: 'dense net',
  cnn: 'CNN',
  'cnn-regularized': 'regularized CNN',
  'cnn-strong': 'strong CNN',
};

const OPTIMIZER_NAMES: Record<string, string> = {
  sgd: 'SGD',
  rmsprop: 'RMSProp',
  adam: 'Adam',
  nadam: 'Nadam',
};

/** The order models and optimizers appear in: the seed study's order, unknown names last. */
export const MODEL_ORDER = Object.keys(MODEL_NAMES);
export const OPTIMIZER_ORDER = Object.keys(OPTIMIZER_NAMES);

/** "cnn-regularized" -> "regularized CNN": how the report names a model in prose. */
export function modelLabel(model: string): string {
  return MODEL_NAMES[model] ?? model;
}

/** "rmsprop" -> "RMSProp". */
export function optimizerLabel(optimizer: string): string {
  return OPTIMIZER_NAMES[optimizer] ?? optimizer;
}

/** Compares two names by their place in `order`, then alphabetically; for stable section orders. */
export function compareByOrder(order: readonly string[], a: string, b: string): number {
  const rank = (name: string) => {
    const index = order.indexOf(name);
    return index === -1 ? order.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The class names of a run's dataset, for the confusion matrix and galleries. */
export function classNamesFor(dataset: string): readonly string[] {
  return dataset === 'mnist' ? MNIST_CLASS_NAMES : FASHION_MNIST_CLASS_NAMES;
}
