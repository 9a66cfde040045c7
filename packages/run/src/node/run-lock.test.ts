import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RUN_LOCK_DIR,
  RunLockedError,
  RunLockLostError,
  acquireRunLock,
  type RunLock,
} from './run-lock.js';

let runDir: string;
let lockDir: string;
const held: RunLock[] = [];
beforeEach(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'fashion-lab-lock-'));
  lockDir = join(runDir, RUN_LOCK_DIR);
});
afterEach(async () => {
  await Promise.all(held.splice(0).map((lock) => lock.release()));
  await rm(runDir, { recursive: true, force: true });
});

/** Takes the lock and releases it after the test. */
async function take(options: Parameters<typeof acquireRunLock>[1] = {}): Promise<RunLock> {
  const lock = await acquireRunLock(runDir, options);
  held.push(lock);
  return lock;
}

/** A pid no process has: beyond Linux's pid_max. */
const DEAD_PID = 2 ** 22 + 7;
const longAgo = '2020-01-01T00:00:00.000Z';

/** Writes a claim file as another process would have left it. */
async function plantClaim(token: number, claim: Record<string, unknown>): Promise<void> {
  await mkdir(lockDir, { recursive: true });
  await writeFile(join(lockDir, `${token}.json`), JSON.stringify({ token, ...claim }));
}

async function readClaimFile(token: number): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(lockDir, `${token}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

describe('acquireRunLock', () => {
  it('writes a claim with pid, hostname, token and heartbeat, and release keeps the token', async () => {
    const now = () => new Date('2026-11-25T21:04:12.000Z');
    const lock = await take({ now });
    expect(lock.token).toBe(1);
    expect(await readClaimFile(1)).toEqual({
      token: 1,
      pid: process.pid,
      hostname: hostname(),
      heartbeatAt: '2026-11-25T21:04:12.000Z',
    });
    await lock.release();
    expect(await readClaimFile(1)).toMatchObject({ token: 1, released: true });
    // The token survives the release: the next holder's is larger.
    const next = await take();
    expect(next.token).toBe(2);
    expect(await readdir(lockDir)).toEqual(['2.json']);
  });

  it('refuses while this process or another live one holds it, naming the holder', async () => {
    await take();
    await expect(acquireRunLock(runDir)).rejects.toThrow(
      `${runDir} is being written by process ${process.pid}; stop it first (or wait until it ends)`,
    );
    await rm(lockDir, { recursive: true });
    // The parent of this test process is alive.
    await plantClaim(4, {
      pid: process.ppid,
      hostname: hostname(),
      heartbeatAt: new Date().toISOString(),
    });
    await expect(acquireRunLock(runDir)).rejects.toThrow(
      `${runDir} is being written by process ${process.ppid}; stop it first`,
    );
  });

  it('respects a holder on another host while its heartbeat is fresh, whatever its pid here', async () => {
    await plantClaim(3, {
      pid: DEAD_PID,
      hostname: 'elsewhere',
      heartbeatAt: new Date().toISOString(),
    });
    const error = await acquireRunLock(runDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunLockedError);
    expect((error as Error).message).toBe(
      `${runDir} is being written by process ${DEAD_PID} on elsewhere; stop it first (or wait until it ends)`,
    );
  });

  it.each([
    [
      'a dead process on this host',
      { pid: DEAD_PID, hostname: hostname(), heartbeatAt: new Date().toISOString() },
    ],
    [
      'a process elsewhere whose heartbeat is old',
      { pid: process.ppid, hostname: 'elsewhere', heartbeatAt: longAgo },
    ],
    [
      'a live process here whose heartbeat is old',
      { pid: process.ppid, hostname: hostname(), heartbeatAt: longAgo },
    ],
    [
      'a holder that let go',
      {
        pid: process.ppid,
        hostname: hostname(),
        heartbeatAt: new Date().toISOString(),
        released: true,
      },
    ],
    ['a damaged claim', { pid: 'not a pid' }],
  ])('takes over a lock left by %s with the next token', async (_, claim) => {
    await plantClaim(7, claim);
    const lock = await take();
    expect(lock.token).toBe(8);
    expect(await readClaimFile(8)).toMatchObject({ token: 8, pid: process.pid });
    expect(await readdir(lockDir)).toEqual(['8.json']);
  });

  it('judges staleness by the configured heartbeat age', async () => {
    const heartbeatAt = new Date(Date.now() - 5_000).toISOString();
    await plantClaim(2, { pid: process.ppid, hostname: 'elsewhere', heartbeatAt });
    await expect(acquireRunLock(runDir)).rejects.toThrow(RunLockedError); // default: a minute
    expect((await take({ staleAfterMs: 4_000 })).token).toBe(3);
  });

  it.each([
    ['a dead process', `${DEAD_PID}\n`, undefined],
    ['garbage', 'not a pid', undefined],
    ['a live process', `${process.ppid}\n`, `is being written by process ${process.ppid}`],
  ])("handles an older build's run.lock file holding %s", async (_, content, refusal) => {
    await writeFile(lockDir, content);
    if (refusal) {
      await expect(acquireRunLock(runDir)).rejects.toThrow(refusal);
      return;
    }
    expect((await take()).token).toBe(1);
    expect(await readdir(lockDir)).toEqual(['1.json']);
  });
});

describe('a held RunLock', () => {
  it('refreshes its heartbeat and tells listeners the same time', async () => {
    const lock = await take({ heartbeatMs: 10 });
    const heard: string[] = [];
    lock.onHeartbeat((heartbeatAt) => heard.push(heartbeatAt));
    while (heard.length < 2) await sleep(5);
    expect(heard[1]! > heard[0]!).toBe(true);
    await lock.release();
    expect((await readClaimFile(1)).heartbeatAt).toBe(heard.at(-1));
  });

  it('beat() checks the lock and returns the heartbeat written to the claim', async () => {
    let time = Date.parse('2026-11-25T21:04:12.000Z');
    const lock = await take({ now: () => new Date(time), heartbeatMs: 60_000 });
    time += 1_500;
    expect(await lock.beat()).toBe('2026-11-25T21:04:13.500Z');
    expect((await readClaimFile(1)).heartbeatAt).toBe('2026-11-25T21:04:13.500Z');
  });

  it('is lost once a process took over its stale heartbeat, and never touches the new claim', async () => {
    const stale = await take({ staleAfterMs: 100, heartbeatMs: 60_000 });
    await sleep(150); // silent past the stale time, as a paused or partitioned process is
    const successor = await take({ staleAfterMs: 100 });
    expect(successor.token).toBe(2);
    const message = `${runDir}: process ${process.pid} took over its lock (token 2) while this process held token 1, so this process stopped writing`;
    await expect(stale.assertHeld()).rejects.toThrow(RunLockLostError);
    await expect(stale.assertHeld()).rejects.toThrow(message);
    await expect(stale.beat()).rejects.toThrow(message);
    const claim = await readClaimFile(2);
    await stale.release();
    expect(await readClaimFile(2)).toEqual(claim);
    await successor.assertHeld();
  });

  it('renews with the next token when past half its stale time and nobody took over', async () => {
    const lock = await take({ staleAfterMs: 200, heartbeatMs: 60_000 });
    await sleep(120);
    await lock.assertHeld();
    expect(lock.token).toBe(2);
    expect(await readdir(lockDir)).toEqual(['2.json']);
    await expect(acquireRunLock(runDir)).rejects.toThrow(RunLockedError);
  });

  it('is lost when its claim was removed', async () => {
    const lock = await take();
    await rm(join(lockDir, '1.json'));
    await expect(lock.assertHeld()).rejects.toThrow(
      `${runDir}: its lock was removed by someone else while this process held token 1, so this process stopped writing`,
    );
  });
});
