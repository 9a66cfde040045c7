import { link, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory, tempPathFor, writeFileAtomic } from './atomic-write.js';

/**
 * One holder of a run's lock, as its claim file `run.lock/<token>.json` stores it. The claim with
 * the highest token is the lock; a takeover is the creation of the next token's claim.
 */
export interface LockClaim {
  /** The fencing token: one more than the claim it replaced, so it only ever grows in a run. */
  token: number;
  pid: number;
  hostname: string;
  /** Refreshed while the holder lives; a claim whose heartbeat is too old is stale. */
  heartbeatAt: string;
  /** Set when the holder let go: the next process takes the lock with the next token. */
  released?: boolean;
}

const CLAIM_NAME = /^(\d+)\.json$/;

function claimPath(lockDir: string, token: number): string {
  return join(lockDir, `${token}.json`);
}

/** The tokens of the claims in `lockDir`, ascending. */
export async function claimTokens(lockDir: string): Promise<number[]> {
  const names = await readdir(lockDir);
  return names
    .map((name) => CLAIM_NAME.exec(name)?.[1])
    .filter((digits) => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function parseClaim(text: string, token: number): LockClaim | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { pid, hostname, heartbeatAt, released } = value as Record<string, unknown>;
  const valid =
    Number.isSafeInteger(pid) &&
    typeof hostname === 'string' &&
    typeof heartbeatAt === 'string' &&
    !Number.isNaN(Date.parse(heartbeatAt)) &&
    (released === undefined || typeof released === 'boolean');
  if (!valid) return undefined;
  // The file name is the token that counts: it is what takeovers compete for.
  return {
    token,
    pid: pid as number,
    hostname: hostname as string,
    heartbeatAt: heartbeatAt as string,
    ...(released === true ? { released } : {}),
  };
}

/**
 * Reads the claim for `token`: undefined when it is gone (replaced meanwhile), 'damaged' when its
 * content is not a claim (claims are only ever written whole, so this is not a write in progress).
 */
export async function readClaim(
  lockDir: string,
  token: number,
): Promise<LockClaim | 'damaged' | undefined> {
  let text: string;
  try {
    text = await readFile(claimPath(lockDir, token), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseClaim(text, token) ?? 'damaged';
}

/**
 * Creates the claim for `claim.token` unless it exists: the content is written and synced to a
 * temp file, then hard-linked to its name, which fails when the name is taken. So exactly one
 * process creates each token, and nobody ever sees a claim without its content.
 */
export async function createClaim(lockDir: string, claim: LockClaim): Promise<boolean> {
  const path = claimPath(lockDir, claim.token);
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(claim)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
  await syncDirectory(lockDir);
  return true;
}

/** Replaces our own claim's content (a heartbeat or the release), atomically. */
export async function rewriteClaim(lockDir: string, claim: LockClaim): Promise<void> {
  await writeFileAtomic(claimPath(lockDir, claim.token), `${JSON.stringify(claim)}\n`);
}

/** Removes one claim (ours, when it turned out to be outdated or was renewed). */
export async function removeClaim(lockDir: string, token: number): Promise<void> {
  await rm(claimPath(lockDir, token), { force: true });
}

/**
 * Tidies up after a takeover: claims below `token` are history, and temp files older than
 * `abandonedAfterMs` were left by processes killed mid-write (a live one's last milliseconds).
 */
export async function removeOlderClaims(
  lockDir: string,
  token: number,
  abandonedAfterMs: number,
): Promise<void> {
  for (const name of await readdir(lockDir)) {
    const path = join(lockDir, name);
    const digits = CLAIM_NAME.exec(name)?.[1];
    if (digits !== undefined) {
      if (Number(digits) < token) await rm(path, { force: true });
      continue;
    }
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > abandonedAfterMs) await rm(path, { force: true });
  }
}
