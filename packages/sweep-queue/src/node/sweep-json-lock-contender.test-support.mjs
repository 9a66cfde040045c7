// A process that updates a shared sweep.json through the compiled package, as a queue worker on
// another machine would. Arguments: the Redis URL, the sweep directory, how many updates. Each
// update adds 1 to sweep.json's `count` field (read-modify-write), so a lost update shows.
import process from 'node:process';
import { Redis } from 'ioredis';
import { updateSharedSweep } from '@fashion-lab/sweep-queue/node';

const [url, dir, times] = process.argv.slice(2);
const redis = new Redis(url, { maxRetriesPerRequest: null });
for (let i = 0; i < Number(times); i++) {
  await updateSharedSweep(redis, dir, (sweep) => ({ ...sweep, count: (sweep.count ?? 0) + 1 }));
}
await redis.quit();
