import { describe, expect, it } from 'vitest';
import { MODEL_NAMES, OPTIMIZER_NAMES } from './config.js';
import { MODEL_TABLE } from './model-table.js';
import { OPTIMIZER_TABLE } from './optimizer-table.js';

describe('the model and optimizer tables', () => {
  it('list every optimizer a config may name, each with a positive default learning rate', () => {
    expect(Object.keys(OPTIMIZER_TABLE)).toEqual(OPTIMIZER_NAMES);
    for (const name of OPTIMIZER_NAMES) {
      expect(OPTIMIZER_TABLE[name].name).toBe(name);
      expect(OPTIMIZER_TABLE[name].defaultLearningRate).toBeGreaterThan(0);
    }
  });

  it('list every model a config may name, each with a description and runnable defaults', () => {
    expect(Object.keys(MODEL_TABLE)).toEqual(MODEL_NAMES);
    for (const name of MODEL_NAMES) {
      const { defaults, description } = MODEL_TABLE[name];
      expect(MODEL_TABLE[name].name).toBe(name);
      expect(description.length).toBeGreaterThan(10);
      expect(OPTIMIZER_NAMES).toContain(defaults.optimizer);
      expect(defaults.epochs).toBeGreaterThan(0);
      expect(defaults.learningRate).toBeGreaterThan(0);
    }
  });
});
