import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRunStart } from '../testing/run-fixtures.js';
import { startContender, type Contender } from './run-lock-contender.test-support.js';
import { snapshotDirectory } from './run-directory-snapshot.test-support.js';
import { RUN_LOCK_DIR, RunLockedError, acquireRunLock, type RunLock } from './run-lock.js';

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-lock-processes-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** A pid no process has: beyond Linux's pid_max. */
const DEAD_PID = 2 ** 22 + 7;

/** The stale locks a round starts from, in turn: [what, token, claim or undefined for none]. */
const STALE_LOCKS: [string, number, Record<string, unknown> | undefined][] = [
  ['no lock yet', 0, undefined],
  ['a dead process here', 5, { pid: DEAD_PID, hostname: hostname(), heartbeatAt: 'now' }],
  [
    'a silent process elsewhere',
    9,
    { pid: 1, hostname: 'elsewhere', heartbeatAt: '2020-01-01T00:00:00Z' },
  ],
  [
    'a released lock',
    3,
    { pid: process.pid, hostname: hostname(), heartbeatAt: 'now', released: true },
  ],
];

async function plantStaleLock(runDir: string, round: number): Promise<number> {
  const [, token, claim] = STALE_LOCKS[round % STALE_LOCKS.length]!;
  await mkdir(join(runDir, RUN_LOCK_DIR), { recursive: true });
  if (claim) {
    const heartbeatAt =
      claim['heartbeatAt'] === 'now' ? new Date().toISOString() : claim['heartbeatAt'];
    await writeFile(
      join(runDir, RUN_LOCK_DIR, `${token}.json`),
      JSON.stringify({ ...claim, token, heartbeatAt }),
    );
  }
  return token;
}

describe('the run lock between processes', () => {
  it('lets exactly one of 8 processes racing for a stale lock take it, 50 rounds over', async () => {
    const contenders = Array.from({ length: 8 }, () => startContender());
    try {
      // Loaded, so that every round's contenders really start together.
      await Promise.all(contenders.map((c) => c.send({ op: 'ready' })));
      for (let round = 0; round < 50; round++) {
        const runDir = join(workDir, `race-${round}`);
        const token = await plantStaleLock(runDir, round);
        const at = Date.now() + 40;
        const answers = await Promise.all(
          contenders.map((c) => c.send({ op: 'race', runDir, at })),
        );
        const winners = contenders.filter((_, i) => answers[i]!.ok);
        const what = `round ${round} (${STALE_LOCKS[round % STALE_LOCKS.length]![0]})`;
        expect(
          winners.map((winner) => winner.pid),
          what,
        ).toHaveLength(1);
        const winner = winners[0]!;
        expect(
          answers.find((answer) => answer.ok),
          what,
        ).toEqual({ ok: true, token: token + 1 });
        for (const answer of answers.filter((a) => !a.ok)) {
          expect(answer, what).toEqual({
            ok: false,
            name: 'RunLockedError',
            message: `${runDir} is being written by process ${winner.pid}; stop it first (or wait until it ends)`,
          });
        }
        expect(await readdir(join(runDir, RUN_LOCK_DIR)), what).toEqual([`${token + 1}.json`]);
        await Promise.all(contenders.map((c) => c.send({ op: 'release' })));
      }
    } finally {
      await Promise.all(contenders.map((c) => c.stop()));
    }
  }, 60_000);
});

const start = testRunStart();
const ALL_WRITES = ['batch line', 'epoch line', 'checkpoint', 'model, evaluation and run.json'];
/** Short, so the test need not wait a minute for a heartbeat to go stale. */
const lockOptions = { staleAfterMs: 400, heartbeatMs: 50 };

describe('a holder paused with SIGSTOP', () => {
  let holder: Contender;
  let successor: RunLock | undefined;
  let runsDir: string;
  let runDir: string;
  beforeAll(async () => {
    runsDir = await mkdtemp(join(workDir, 'runs-'));
  });

  async function startHolder(): Promise<void> {
    runDir = join(runsDir, start.runId);
    holder = startContender();
    const started = await holder.send({ op: 'start', runsDir, runDir, event: start, lockOptions });
    expect(started).toEqual({ ok: true, token: 1 });
    await holder.send({ op: 'write', kinds: ['batch line'] });
    expect(await holder.send({ op: 'pause' })).toEqual({ ok: true, paused: true });
    await waitUntilStopped(holder.pid);
  }

  async function stop(): Promise<void> {
    await successor?.release();
    successor = undefined;
    await holder.stop();
  }

  it('writes nothing into the run once taken over while paused, and is told so', async () => {
    try {
      await startHolder();
      // Its pid is alive, so only its heartbeat going stale lets another process take over.
      successor = await takeWhenStale(runDir);
      expect(successor.token).toBe(2);
      const before = await snapshotDirectory(runDir);
      process.kill(holder.pid, 'SIGCONT');
      const tried = await holder.send({ op: 'write', kinds: ALL_WRITES });
      const lost = {
        ok: false,
        name: 'RunLockLostError',
        message: `${runDir}: process ${process.pid} took over its lock (token 2) while this process held token 1, so this process stopped writing`,
      };
      expect(tried['results']).toEqual(Object.fromEntries(ALL_WRITES.map((kind) => [kind, lost])));
      expect(await snapshotDirectory(runDir)).toEqual(before);
      expect(JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'))).toMatchObject({
        status: 'running',
        pid: holder.pid,
      });
    } finally {
      await stop();
    }
  });

  it('goes on writing when resumed before anyone took over, renewing its lock', async () => {
    try {
      await rm(runsDir, { recursive: true, force: true });
      await startHolder();
      // Past half the stale time: it renews (a new token) instead of trusting its old heartbeat.
      await waitUntilHeartbeatOlderThan(runDir, lockOptions.staleAfterMs * 0.6);
      process.kill(holder.pid, 'SIGCONT');
      const tried = await holder.send({ op: 'write', kinds: ALL_WRITES });
      expect(tried).toEqual({
        ok: true,
        token: 2,
        results: Object.fromEntries(ALL_WRITES.map((kind) => [kind, { ok: true }])),
      });
      expect(JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'))).toMatchObject({
        status: 'completed',
      });
    } finally {
      await stop();
    }
  });
});

/** Waits until `ps` shows the process stopped (state T). */
async function waitUntilStopped(pid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
    if (state.trim().startsWith('T')) return;
    await sleep(10);
  }
  throw new Error(`process ${pid} never stopped`);
}

/** Tries to take the lock until the holder's heartbeat is stale (RunLockedError until then). */
async function takeWhenStale(runDir: string): Promise<RunLock> {
  for (let i = 0; i < 500; i++) {
    try {
      // A heartbeat this slow never fires during the test, so the successor writes nothing either.
      return await acquireRunLock(runDir, { ...lockOptions, heartbeatMs: 600_000 });
    } catch (error) {
      if (!(error instanceof RunLockedError)) throw error;
    }
    await sleep(25);
  }
  throw new Error(`${runDir}: the lock never went stale`);
}

async function waitUntilHeartbeatOlderThan(runDir: string, ageMs: number): Promise<void> {
  const claim = JSON.parse(await readFile(join(runDir, RUN_LOCK_DIR, '1.json'), 'utf8')) as {
    heartbeatAt: string;
  };
  await sleep(Math.max(0, Date.parse(claim.heartbeatAt) + ageMs - Date.now()));
}
