// Test helpers for every package: a real redis-server of the test's own (TLS too), the queue's jobs.
export {
  opensslMissing,
  redisServerMissing,
  startRedisServer,
  type RedisServer,
} from './testing/redis-server.js';
export { trialJobStates } from './testing/trial-job-states.js';
