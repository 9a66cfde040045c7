/** The environment variable that gives the queue URL when no `--queue` flag does. */
export const QUEUE_ENV = 'FASHION_LAB_QUEUE';

/** A queue URL that is not a Redis URL; the message never repeats a password. */
export class QueueUrlError extends Error {
  override readonly name = 'QueueUrlError';
}

/** A Redis URL checked for use, with the one form of it that may be shown or stored. */
export interface QueueUrl {
  /** The URL as given, password included: only ever handed to the Redis client. */
  readonly url: string;
  /** The URL without its password (`redis://user@host:6379`): for messages, files and commands. */
  readonly shown: string;
  /** Whether the connection uses TLS (`rediss://`). */
  readonly tls: boolean;
  /** Whether the URL carries a password (so a shown command needs the user to add it back). */
  readonly hasPassword: boolean;
}

const EXAMPLE = 'redis://HOST:PORT, redis://:PASSWORD@HOST:PORT or rediss://... for TLS';

/**
 * Reads a queue URL given by `source` (the flag or the environment variable's name). A password
 * is dropped from every message, so a typo in a secret URL never prints the secret.
 */
export function parseQueueUrl(text: string, source: string): QueueUrl {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new QueueUrlError(`${source} is not a URL: expected ${EXAMPLE}`);
  }
  const shown = withoutPassword(parsed);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new QueueUrlError(`${source} must be a Redis URL (${EXAMPLE}), got ${shown}`);
  }
  if (parsed.hostname === '') {
    throw new QueueUrlError(`${source} names no host: expected ${EXAMPLE}, got ${shown}`);
  }
  const database = parsed.pathname.replace(/^\//, '');
  if (database !== '' && !/^\d+$/.test(database)) {
    throw new QueueUrlError(
      `${source} may end only in a database number (redis://HOST:PORT/0), got ${shown}`,
    );
  }
  return {
    url: text,
    shown,
    tls: parsed.protocol === 'rediss:',
    hasPassword: parsed.password !== '',
  };
}

/** The queue URL from `--queue`, else from FASHION_LAB_QUEUE, else undefined (no queue). */
export function queueUrlFrom(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): QueueUrl | undefined {
  if (flag !== undefined) return parseQueueUrl(flag, '--queue');
  const fromEnv = env[QUEUE_ENV];
  return fromEnv === undefined || fromEnv === '' ? undefined : parseQueueUrl(fromEnv, QUEUE_ENV);
}

/** `url` as text without its password (the user name stays: it is not a secret). */
function withoutPassword(url: URL): string {
  const copy = new URL(url.href);
  copy.password = '';
  // `new URL('redis://:secret@host')` keeps an empty user's "@" only while a password is set.
  return copy.href.replace(/\/$/, '');
}
