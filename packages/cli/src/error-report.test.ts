import { describe, expect, it } from 'vitest';
import { reportError } from './error-report.js';
import { UsageError } from './usage-error.js';

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function systemError(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: failed, mkdir '${path}'`), { code, path });
}

describe('reportError', () => {
  it.each([
    [new UsageError('--epochs must be a positive integer, got -1'), 2],
    [named('ConfigError', '--lr must be a positive number, got 0'), 2],
    [named('RunNotFoundError', 'no run "x" in runs'), 2],
    [named('RunNotResumableError', 'run x is already complete'), 2],
    [named('DatasetNotFoundError', 'Fashion-MNIST was not found; install it'), 1],
    [named('RunLockedError', 'run x is being written by process 12'), 1],
    [named('RunFileError', 'runs/x/run.json: status must be a string'), 1],
  ])('prints the message of %s alone, exit %i', (error, exitCode) => {
    expect(reportError(error)).toEqual({ message: `error: ${error.message}`, exitCode });
  });

  it.each([
    ['EACCES', '/root/runs', 'error: /root/runs: permission denied'],
    ['EROFS', '/ro/runs', 'error: /ro/runs: read-only file system'],
    ['ENOENT', 'study.json', 'error: study.json: no such file or directory'],
  ])('turns %s into a sentence naming the path', (code, path, message) => {
    expect(reportError(systemError(code, path))).toEqual({ message, exitCode: 1 });
  });

  it('hides the stack of an unexpected error unless FASHION_LAB_DEBUG is set', () => {
    const error = new Error('boom');
    expect(reportError(error).message).toBe('error: boom (set FASHION_LAB_DEBUG=1 for details)');
    expect(reportError(error, { FASHION_LAB_DEBUG: '1' }).message).toContain('at ');
  });
});
