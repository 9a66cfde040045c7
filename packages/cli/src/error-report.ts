/**
 * Errors whose message is a complete sentence about a user mistake (how the CLI was called, a
 * run id that does not exist, a study file with a bad field): exit code 2.
 */
const USAGE_ERRORS = new Set([
  'UsageError',
  'ConfigError',
  'RunNotFoundError',
  'RunNotResumableError',
  'ConfigFlagError',
  'StudyFileError',
  'QueueUrlError',
]);

/**
 * Failures the user can act on from the message alone (missing dataset with its remedy, a
 * damaged run file, a locked run, an unreadable image): exit code 1, no stack trace.
 */
const EXPLAINED_FAILURES = new Set([
  'DatasetNotFoundError',
  'DatasetDownloadError',
  'ChecksumError',
  'IdxFormatError',
  'RunFileError',
  'RunReadError',
  'RunLockedError',
  'CheckpointReadError',
  'ModelDirectoryError',
  'BackendUnavailableError',
  'ImageReadError',
  'DirectoryCreateError',
  'QueueUnreachableError',
  'WorkerSetupError',
]);

/** What the entry prints for an error and the exit code it returns. */
export interface ErrorReport {
  message: string;
  exitCode: 1 | 2;
}

/**
 * Maps an error to one line and an exit code, by the error's name (not `instanceof`, so it also
 * holds for errors from another copy of a package). File-system errors become a sentence naming
 * the path; only an unexpected error shows its stack, and only with FASHION_LAB_DEBUG set.
 */
export function reportError(error: unknown, env: NodeJS.ProcessEnv = {}): ErrorReport {
  if (!(error instanceof Error)) return { message: `error: ${String(error)}`, exitCode: 1 };
  if (USAGE_ERRORS.has(error.name)) return { message: `error: ${error.message}`, exitCode: 2 };
  if (EXPLAINED_FAILURES.has(error.name))
    return { message: `error: ${error.message}`, exitCode: 1 };
  const system = error as NodeJS.ErrnoException;
  if (typeof system.code === 'string' && typeof system.path === 'string') {
    const reasons: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EROFS: 'read-only file system',
      ENOENT: 'no such file or directory',
      ENOTDIR: 'a path component is not a directory',
      ENOSPC: 'no space left on device',
      EISDIR: 'is a directory',
    };
    const reason = reasons[system.code] ?? system.code;
    return { message: `error: ${system.path}: ${reason}`, exitCode: 1 };
  }
  const detail = env['FASHION_LAB_DEBUG']
    ? `\n${error.stack ?? ''}`
    : ' (set FASHION_LAB_DEBUG=1 for details)';
  return { message: `error: ${error.message}${detail}`, exitCode: 1 };
}
