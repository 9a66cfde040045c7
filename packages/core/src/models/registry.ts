import type { ModelName } from '@fashion-lab/run';
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
