// Fixtures for the tests of every package: valid run files and checkpoints to start from.
export { testConfig, testEvaluation, testRunJson } from './testing/run-fixtures.js';
export { fakeCheckpoint } from './testing/checkpoint-fixture.js';
