import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { SweepJson } from '@fashion-lab/run';
import { updateSweep } from '@fashion-lab/run/node';

/**
 * How long a holder may keep a sweep's lock before Redis drops it: far longer than one
 * read-modify-write of sweep.json takes, short enough that a killed holder blocks nobody long.
 */
const LOCK_EXPIRES_MS = 15_000;
const RETRY_MS = 25;

/** Deletes the key only while it still holds our token (a lock that expired is not ours). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Runs `change` while holding the sweep's lock in Redis, so the workers of every machine update
 * one sweep.json one after another (`updateSweep` serialises only within one process, and the
 * file on shared storage has no lock of its own that works on every NFS).
 */
export async function withSweepJsonLock<T>(
  redis: Redis,
  sweepId: string,
  change: () => Promise<T>,
): Promise<T> {
  const key = `fashion-lab:sweep-json-lock:${sweepId}`;
  const token = randomUUID();
  const giveUpAt = Date.now() + 4 * LOCK_EXPIRES_MS;
  while ((await redis.set(key, token, 'PX', LOCK_EXPIRES_MS, 'NX')) !== 'OK') {
    if (Date.now() > giveUpAt) {
      throw new Error(`sweep ${sweepId}: its sweep.json stayed locked in the queue for a minute`);
    }
    await sleep(RETRY_MS);
  }
  try {
    return await change();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}

/**
 * `updateSweep` for a sweep whose sweep.json several processes (the workers of a queue, on any
 * machine) write: the read-modify-write runs under the sweep's Redis lock.
 */
export function updateSharedSweep(
  redis: Redis,
  dir: string,
  change: (sweep: SweepJson) => SweepJson,
): Promise<SweepJson> {
  return withSweepJsonLock(redis, basename(dir), () => updateSweep(dir, change));
}
