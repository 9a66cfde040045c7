import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSweepSpec } from '@fashion-lab/run';
import { createSweep, readSweep } from '@fashion-lab/run/node';
import { redisServerMissing, startRedisServer, type RedisServer } from '../testing/redis-server.js';

const missing = redisServerMissing();
const CONTENDER = fileURLToPath(
  new URL('./sweep-json-lock-contender.test-support.mjs', import.meta.url),
);
/** The compiled package the contender imports (the `test` target compiles first). */
const COMPILED = fileURLToPath(new URL('../../dist/node.js', import.meta.url));

describe.skipIf(missing !== undefined)(`updateSharedSweep ${missing ?? ''}`, () => {
  let server: RedisServer;
  let workDir: string;
  beforeAll(async () => {
    if (!existsSync(COMPILED)) {
      throw new Error(`${COMPILED} is missing: run "npx nx run sweep-queue:compile" first`);
    }
    server = await startRedisServer();
    workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-sweep-lock-'));
  });
  afterAll(async () => {
    await server.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('loses no update when three processes read-modify-write one sweep.json at once', async () => {
    const spec = parseSweepSpec(
      { name: 'shared', base: { model: 'dense' }, space: { learningRate: [0.1] } },
      'shared.json',
    );
    const { dir } = await createSweep(workDir, spec);
    const run = promisify(execFile);
    await Promise.all(
      [1, 2, 3].map(() => run(process.execPath, [CONTENDER, server.url, dir, '25'])),
    );
    const sweep = (await readSweep(dir)) as { count?: number };
    expect(sweep.count).toBe(75);
  });
});
