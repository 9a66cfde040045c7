import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimTrialRun } from './claim-trial-run.js';

const run = promisify(execFile);
const CONTENDER = fileURLToPath(
  new URL('./claim-trial-run-contender.test-support.mjs', import.meta.url),
);
/** The compiled package the contender imports (the `test` target compiles first). */
const COMPILED = fileURLToPath(new URL('../../dist/node.js', import.meta.url));

let runsDir: string;
beforeEach(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'fashion-lab-claim-'));
});
afterEach(async () => {
  await rm(runsDir, { recursive: true, force: true });
});

const RUN_ID = '20261125-210412-dense-adam-lr-check-t000';

describe('claimTrialRun', () => {
  it('creates the empty run directory once: the first claim gets it, later ones do not', async () => {
    expect(await claimTrialRun(runsDir, RUN_ID)).toBe(true);
    expect(await claimTrialRun(runsDir, RUN_ID)).toBe(false);
    expect(await readdir(join(runsDir, RUN_ID))).toEqual([]);
  });

  it('creates a missing runs directory first', async () => {
    const nested = join(runsDir, 'a', 'runs');
    expect(await claimTrialRun(nested, RUN_ID)).toBe(true);
  });

  it('gives a trial to exactly one of 16 claims made at once', async () => {
    const claims = await Promise.all(
      Array.from({ length: 16 }, () => claimTrialRun(runsDir, RUN_ID)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it.each(['../escape', 'sweeps', 'a/b', ''])(
    'refuses %j, which is not a run id',
    async (runId) => {
      await expect(claimTrialRun(runsDir, runId)).rejects.toThrow(RangeError);
    },
  );

  it('splits 40 trials between 3 worker processes claiming them all in the same moment', async () => {
    if (!existsSync(COMPILED))
      throw new Error(`${COMPILED} is missing: run "npx nx run run:compile" first`);
    const runIds = Array.from(
      { length: 40 },
      (_, i) => `20261125-210412-dense-adam-race-t${String(i).padStart(3, '0')}`,
    );
    const at = Date.now() + 1500; // after every process has started and loaded the package
    const outputs = await Promise.all(
      [0, 1, 2].map(() => run(process.execPath, [CONTENDER, runsDir, String(at), ...runIds])),
    );
    const claimed = outputs.map(({ stdout }) => JSON.parse(stdout) as string[]);
    // Every trial claimed by exactly one worker.
    expect(claimed.flat().sort()).toEqual(runIds);
    expect((await readdir(runsDir)).sort()).toEqual(runIds);
  });
});
