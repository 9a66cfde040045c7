import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { makeDirectory } from '@fashion-lab/data/node';
import { STALE_AFTER_MS } from '../status.js';
import {
  claimTokens,
  createClaim,
  readClaim,
  removeClaim,
  removeOlderClaims,
  rewriteClaim,
  type LockClaim,
} from './lock-claims.js';
import { isProcessAlive } from './process-alive.js';

/** The lock directory inside a run directory: one claim file per fencing token. */
export const RUN_LOCK_DIR = 'run.lock';

/** How long a lock holder may stay silent, and how often it speaks. */
export interface RunLockOptions {
  /** A holder whose heartbeat is older than this is presumed gone (default: a minute, as `runs`). */
  staleAfterMs?: number;
  /** How often the holder refreshes its heartbeat (default 10 s). */
  heartbeatMs?: number;
  /** The clock for heartbeat times (tests pass a fake one). */
  now?: () => Date;
}

/** The lock on one run directory, held by this process. */
export interface RunLock {
  readonly runDir: string;
  /** The fencing token: grows with every new holder of this run directory. */
  readonly token: number;
  /** Throws RunLockLostError unless this process still holds the lock; call it before each write. */
  assertHeld(): Promise<void>;
  /** Checks the lock and refreshes its heartbeat now; resolves with the heartbeat's time (ISO). */
  beat(): Promise<string>;
  /** Calls `listener` with the time of each periodic heartbeat, so run.json can carry the same. */
  onHeartbeat(listener: (heartbeatAt: string) => unknown): void;
  /** Lets go (the next process takes the next token); a no-op once released or lost. */
  release(): Promise<void>;
}

function onHost(name: string): string {
  return name === hostname() ? '' : ` on ${name}`;
}

/** Another live process is writing this run. */
export class RunLockedError extends Error {
  override readonly name = 'RunLockedError';

  constructor(
    readonly runDir: string,
    readonly pid: number,
    readonly host: string = hostname(),
  ) {
    super(
      `${runDir} is being written by process ${pid}${onHost(host)}; stop it first (or wait until it ends)`,
    );
  }
}

/** This process held the run's lock and lost it: it must not write into the run any more. */
export class RunLockLostError extends Error {
  override readonly name = 'RunLockLostError';

  constructor(
    readonly runDir: string,
    readonly token: number,
    newer: LockClaim | 'damaged' | undefined,
  ) {
    const by =
      newer === undefined
        ? 'its lock was removed by someone else'
        : newer === 'damaged'
          ? 'another process took over its lock'
          : `process ${newer.pid}${onHost(newer.hostname)} took over its lock (token ${newer.token})`;
    super(
      `${runDir}: ${by} while this process held token ${token}, so this process stopped writing`,
    );
  }
}

/**
 * A claim is stale when its holder let go, when it names a dead process on this host, or when its
 * heartbeat is older than `staleAfterMs` (the only rule that works across hosts).
 */
function isStale(claim: LockClaim, now: Date, staleAfterMs: number): boolean {
  if (claim.released) return true;
  if (claim.hostname === hostname() && !isProcessAlive(claim.pid)) return true;
  return !(now.getTime() - Date.parse(claim.heartbeatAt) <= staleAfterMs);
}

/**
 * Makes the run directory when missing, and `run.lock/` in it. Older builds kept a `run.lock` file holding a
 * pid: a live one still locks the run (and our directory locks out such a build), a dead one's
 * file is replaced.
 */
async function prepareLockDirectory(runDir: string, lockDir: string): Promise<void> {
  await makeDirectory(runDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await mkdir(lockDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = await stat(lockDir).catch(() => undefined);
    if (existing?.isDirectory()) return;
    if (existing === undefined) continue; // an older build's file, removed meanwhile
    const pid = Number.parseInt(await readFile(lockDir, 'utf8').catch(() => ''), 10);
    if (isProcessAlive(pid)) throw new RunLockedError(runDir, pid);
    // rm without `recursive` never removes a directory another process made meanwhile.
    await rm(lockDir, { force: true }).catch(() => undefined);
  }
  throw new Error(`${lockDir} is a file that keeps coming back: cannot make the run's lock there`);
}

/** Contenders retry only after another one made progress, so a few rounds always settle it. */
const MAX_ATTEMPTS = 20;

/**
 * Takes the run's lock, so one process at a time writes a run: a stale lock (see `isStale`) is
 * taken over atomically, by creating the claim for the next fencing token, which only one can.
 * Throws RunLockedError naming the holder while it is alive (this process included).
 */
export async function acquireRunLock(
  runDir: string,
  options: RunLockOptions = {},
): Promise<RunLock> {
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  const now = options.now ?? (() => new Date());
  const lockDir = join(runDir, RUN_LOCK_DIR);
  await prepareLockDirectory(runDir, lockDir);
  let holder: LockClaim | 'damaged' | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const newest = (await claimTokens(lockDir)).at(-1);
    if (newest !== undefined) {
      holder = await readClaim(lockDir, newest);
      if (holder === undefined) continue; // superseded while we looked
      if (holder !== 'damaged' && !isStale(holder, now(), staleAfterMs)) {
        throw new RunLockedError(runDir, holder.pid, holder.hostname);
      }
    }
    const claim: LockClaim = {
      token: (newest ?? 0) + 1,
      pid: process.pid,
      hostname: hostname(),
      heartbeatAt: now().toISOString(),
    };
    const heartbeatTakenAt = performance.now();
    if (!(await createClaim(lockDir, claim))) continue; // another contender took this token
    // Our look may have been old: a newer claim means this token was taken and tidied away since.
    if ((await claimTokens(lockDir)).at(-1) !== claim.token) {
      await removeClaim(lockDir, claim.token);
      continue;
    }
    await removeOlderClaims(lockDir, claim.token, staleAfterMs);
    return new HeldRunLock(runDir, lockDir, claim, heartbeatTakenAt, {
      staleAfterMs,
      heartbeatMs: options.heartbeatMs ?? 10_000,
      now,
    });
  }
  throw holder !== undefined && holder !== 'damaged'
    ? new RunLockedError(runDir, holder.pid, holder.hostname)
    : new Error(`${runDir}: could not take its lock in ${MAX_ATTEMPTS} attempts`);
}

class HeldRunLock implements RunLock {
  private lost: RunLockLostError | undefined;
  private released = false;
  private readonly listeners: ((heartbeatAt: string) => unknown)[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  /** Lock operations run one at a time (a heartbeat never races a renewal). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly runDir: string,
    private readonly lockDir: string,
    private claim: LockClaim,
    /** performance.now() when the claim's heartbeat time was taken. */
    private heartbeatTakenAt: number,
    private readonly settings: Required<RunLockOptions>,
  ) {
    this.timer = setInterval(() => {
      // A failed heartbeat is not worth failing for: the next write's check reports a lost lock.
      this.beat()
        .then(async (heartbeatAt) => {
          for (const listener of this.listeners) await listener(heartbeatAt);
        })
        .catch(() => undefined);
    }, settings.heartbeatMs);
    this.timer.unref();
  }

  get token(): number {
    return this.claim.token;
  }

  assertHeld(): Promise<void> {
    return this.serialized(() => this.check());
  }

  beat(): Promise<string> {
    return this.serialized(async () => {
      await this.check();
      const heartbeatAt = this.settings.now().toISOString();
      const takenAt = performance.now();
      await rewriteClaim(this.lockDir, { ...this.claim, heartbeatAt });
      this.claim = { ...this.claim, heartbeatAt };
      this.heartbeatTakenAt = takenAt;
      return heartbeatAt;
    });
  }

  onHeartbeat(listener: (heartbeatAt: string) => unknown): void {
    this.listeners.push(listener);
  }

  release(): Promise<void> {
    return this.serialized(async () => {
      clearInterval(this.timer);
      if (this.released || this.lost) return;
      this.released = true;
      // Only our own claim is marked, and only while it is the lock; the file stays, keeping the
      // token for the next holder. A release that cannot be written is only a lock that goes
      // stale: its heartbeat stopped.
      try {
        if ((await claimTokens(this.lockDir)).at(-1) !== this.claim.token) return;
        await rewriteClaim(this.lockDir, { ...this.claim, released: true });
      } catch {
        return;
      }
    });
  }

  private serialized<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async check(): Promise<void> {
    if (this.released) throw new Error(`${this.runDir}: its lock was already released`);
    if (this.lost) throw this.lost;
    const newest = (await claimTokens(this.lockDir)).at(-1);
    if (newest !== this.claim.token) {
      const taken = newest !== undefined && newest > this.claim.token;
      await this.lose(taken ? await readClaim(this.lockDir, newest) : undefined);
    }
    // Past half the stale time others may soon judge us gone (after a pause, a blocked event loop,
    // a suspended laptop): renew by taking the next token, which fails if someone already took it.
    if (performance.now() - this.heartbeatTakenAt > this.settings.staleAfterMs / 2) {
      await this.renew();
    }
  }

  private async renew(): Promise<void> {
    const renewed = { ...this.claim, token: this.claim.token + 1 };
    renewed.heartbeatAt = this.settings.now().toISOString();
    const takenAt = performance.now();
    if (!(await createClaim(this.lockDir, renewed))) {
      await this.lose(await readClaim(this.lockDir, renewed.token));
    }
    await removeClaim(this.lockDir, this.claim.token);
    this.claim = renewed;
    this.heartbeatTakenAt = takenAt;
  }

  private async lose(newer: LockClaim | 'damaged' | undefined): Promise<never> {
    clearInterval(this.timer);
    this.lost = new RunLockLostError(this.runDir, this.claim.token, newer);
    throw this.lost;
  }
}
