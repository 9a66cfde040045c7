import type { ModelName } from '../config.js';
import { cnnRegularizedModel } from './cnn-regularized.js';
import { cnnStrongModel } from './cnn-strong.js';
import { cnnModel } from './cnn.js';
import { denseModel } from './dense.js';
import type { ModelSpec } from './model-spec.js';

/** Every model the project trains, by name: what `--model` accepts and the web lists. */
export const MODELS: Record<ModelName, ModelSpec> = {
  dense: denseModel,
  cnn: cnnModel,
  'cnn-regularized': cnnRegularizedModel,
  'cnn-strong': cnnStrongModel,
};

/** Model names in display order (simplest first). */
export const MODEL_NAMES: ModelName[] = ['dense', 'cnn', 'cnn-regularized', 'cnn-strong'];
