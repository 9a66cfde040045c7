import { describe, expect, it } from 'vitest';
import { configKey } from './config-key.js';
import { sweepIdFor, trialRunId } from './sweep-ids.js';
import { testConfig } from '../testing/run-fixtures.js';

describe('configKey', () => {
  it.each([
    [{ optimizer: 'adam', learningRate: 0.001 }, 'learningRate=0.001 optimizer=adam'],
    [{ learningRate: 0.001, optimizer: 'adam' }, 'learningRate=0.001 optimizer=adam'],
    [{ learningRate: 1e-7 }, 'learningRate=1e-7'],
    [
      { earlyStopping: { patience: 3, restoreBestWeights: true } },
      'earlyStopping={"patience":3,"restoreBestWeights":true}',
    ],
    [{}, 'base'],
  ] as const)('%j -> %s', (point, key) => {
    expect(configKey(point)).toBe(key);
  });
});

describe('sweep and trial ids', () => {
  const now = new Date('2027-01-02T03:04:05+09:00');

  it('names a sweep <name>-<UTC yyyymmdd-HHMMSS>', () => {
    expect(sweepIdFor('lr-check', now)).toBe('lr-check-20270101-180405');
  });

  it('names a trial <UTC stamp>-<model>-<optimizer>-<sweep>-t<NNN>', () => {
    expect(trialRunId(testConfig, 'lr-check', 7, 8, now)).toBe(
      '20270101-180405-cnn-adam-lr-check-t007',
    );
    expect(trialRunId(testConfig, 'lr-check', 7, 12345, now)).toBe(
      '20270101-180405-cnn-adam-lr-check-t00007',
    );
  });
});
