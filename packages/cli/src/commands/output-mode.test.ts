import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.js';
import { outputMode } from './train-command.js';

function ioWith(isTTY: boolean, env: NodeJS.ProcessEnv): CliIo {
  return {
    stdout: { isTTY } as NodeJS.WriteStream,
    stderr: process.stderr,
    stdin: process.stdin,
    env,
    cwd: '/',
  };
}

describe('outputMode', () => {
  it.each<[string, boolean, boolean, NodeJS.ProcessEnv, string]>([
    ['--json wins on a terminal', true, true, {}, 'json'],
    ['--json wins in a pipe', true, false, {}, 'json'],
    ['a terminal gets the TUI', false, true, {}, 'tui'],
    ['a pipe gets plain lines', false, false, {}, 'plain'],
    ['a terminal under CI gets plain lines', false, true, { CI: 'true' }, 'plain'],
    ['CI=false is not CI', false, true, { CI: 'false' }, 'tui'],
  ])('%s', (_name, json, isTTY, env, mode) => {
    expect(outputMode(json, ioWith(isTTY, env))).toBe(mode);
  });
});
