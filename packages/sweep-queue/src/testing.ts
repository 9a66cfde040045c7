// Test helpers for every package: a real redis-server of the test's own.
export { redisServerMissing, startRedisServer, type RedisServer } from './testing/redis-server.js';
export { trialJobStates } from './testing/trial-job-states.js';
