import type { CliIo } from './cli-io.js';
import { CollectingStream } from './output/line-sink.test-support.js';

/** A CliIo whose output is collected, for running commands in-process (never a terminal). */
export function testIo(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const stdout = new CollectingStream();
  const stderr = new CollectingStream();
  const io: CliIo = {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: { isTTY: false } as unknown as NodeJS.ReadStream,
    env,
    cwd,
  };
  return { io, stdout, stderr };
}
