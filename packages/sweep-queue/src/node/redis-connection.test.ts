import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueUrl } from '../queue-url.js';
import { redisServerMissing, startRedisServer, type RedisServer } from '../testing/redis-server.js';
import { checkQueueReachable } from './redis-connection.js';

const missing = redisServerMissing();

describe.skipIf(missing !== undefined)(`checkQueueReachable ${missing ?? ''}`, () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer({ password: 'hunter2-secret' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('resolves for a live server with the right password', async () => {
    await expect(checkQueueReachable(parseQueueUrl(server.url, '--queue'))).resolves.toBe(
      undefined,
    );
  });

  it.each([
    [
      'a wrong password',
      (port: number) => `redis://:wrong-secret@127.0.0.1:${port}`,
      /it refused the password$/,
    ],
    ['no password', (port: number) => `redis://127.0.0.1:${port}`, /it needs a password/],
  ])('says in one sentence when the server refuses %s', async (_what, url, reason) => {
    const queue = parseQueueUrl(url(server.port), '--queue');
    const error = await checkQueueReachable(queue).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.name).toBe('QueueUnreachableError');
    expect(error?.message).toMatch(new RegExp(`^cannot reach the queue at ${queue.shown}: `));
    expect(error?.message).toMatch(reason);
    expect(error?.message).not.toContain('secret');
  });

  it('names the URL without its password when nothing listens there', async () => {
    const port = server.port;
    await server.stop();
    const error = await checkQueueReachable(
      parseQueueUrl(`redis://:hunter2-secret@127.0.0.1:${port}`, '--queue'),
    ).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toBe(
      `cannot reach the queue at redis://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    server = await startRedisServer();
  });
});
