import type { RunRow } from './run-row';

/**
 * A completed dense run's row for table and list tests: plain defaults (no accuracy yet, no
 * history) that a test overrides with the fields it is about.
 */
export function testRunRow(id: string, fields: Partial<RunRow> = {}): RunRow {
  return {
    ok: true,
    id,
    experiment: null,
    model: 'dense',
    optimizer: 'adam',
    learningRate: 0.001,
    dataset: 'fashion-mnist',
    tta: 'off',
    backend: 'wasm',
    status: 'completed',
    progress: null,
    bestValAcc: null,
    testAcc: null,
    seconds: null,
    createdAt: '2026-11-25T10:00:00.000Z',
    valAccHistory: [],
    ...fields,
  };
}
