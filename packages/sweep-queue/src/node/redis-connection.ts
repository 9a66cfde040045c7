import { Redis } from 'ioredis';
import type { QueueUrl } from '../queue-url.js';

/** The queue's Redis cannot be reached or refused us; the message names the URL without its password. */
export class QueueUnreachableError extends Error {
  override readonly name = 'QueueUnreachableError';
}

/** How long a first connection may take before the queue counts as unreachable. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Removes the password from a Redis client's message, should a client ever echo it. */
function withoutSecret(message: string, queue: QueueUrl): string {
  const password = decodeURIComponent(new URL(queue.url).password);
  return password === '' ? message : message.split(password).join('***');
}

/** Why a connection failed, as the end of one sentence. */
function reason(error: unknown, queue: QueueUrl): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(message)) {
    return queue.hasPassword
      ? 'it refused the password'
      : 'it needs a password (redis://:PASSWORD@HOST:PORT, or in FASHION_LAB_QUEUE)';
  }
  return withoutSecret(message, queue);
}

/**
 * A connection for BullMQ (which needs `maxRetriesPerRequest: null`): it reconnects by itself
 * after the first success. `onError` hears connection errors (ioredis prints them otherwise).
 */
export function openRedis(queue: QueueUrl, onError: (message: string) => void): Redis {
  const redis = new Redis(queue.url, {
    maxRetriesPerRequest: null,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  redis.on('error', (error: unknown) => onError(`queue ${queue.shown}: ${reason(error, queue)}`));
  return redis;
}

/**
 * Connects once, without retrying, and pings: call it before writing anything for a queue, so an
 * unreachable queue leaves nothing half-made. Throws QueueUnreachableError in one sentence.
 */
export async function checkQueueReachable(queue: QueueUrl): Promise<void> {
  const redis = new Redis(queue.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: () => null,
  });
  let failure: unknown;
  redis.on('error', (error: unknown) => {
    failure ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new QueueUnreachableError(
      `cannot reach the queue at ${queue.shown}: ${reason(failure ?? error, queue)}`,
    );
  } finally {
    redis.disconnect();
  }
}
