// Fixtures for the tests of every package: valid run files and checkpoints to start from, and the
// one writer of fixture run directories (Node only: tests run there).
export {
  testConfig,
  testEvaluation,
  testRunJson,
  testRunStart,
  type RunJsonFields,
} from './testing/run-fixtures.js';
export { fakeCheckpoint } from './testing/checkpoint-fixture.js';
export {
  metricsJsonl,
  testBatchLine,
  testEpochLine,
  testMetricsLines,
  type BatchNumbers,
  type EpochNumbers,
  type TestMetricsOptions,
} from './testing/metrics-fixtures.js';
export {
  fixtureEvaluation,
  imagesOfConfusion,
  type FixtureEvaluationInput,
  type SampleSlot,
} from './testing/evaluation-fixture.js';
export { testEmbedding, testExplain } from './testing/explanation-fixtures.js';
export {
  appendFixtureMetrics,
  writeFixtureRun,
  type FixtureRunContents,
  type FixtureRunFiles,
} from './testing/write-fixture-run.js';
