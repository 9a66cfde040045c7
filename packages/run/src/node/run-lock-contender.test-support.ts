import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./run-lock-contender.test-support.mjs', import.meta.url));
/** The compiled package the contender imports (the `test` target compiles first). */
const COMPILED = fileURLToPath(new URL('../../dist/node.js', import.meta.url));

/** One answer of a contender process: `ok`, plus what the command reports. */
export type ContenderAnswer = { ok: boolean } & Record<string, unknown>;

/** A running contender process (see run-lock-contender.test-support.mjs for its commands). */
export interface Contender {
  pid: number;
  /** Sends one command and resolves with its answer. */
  send(command: Record<string, unknown>): Promise<ContenderAnswer>;
  /** Kills the process and waits for it to be gone. */
  stop(): Promise<void>;
}

/** Starts a contender process; fails with the remedy when the package was not compiled. */
export function startContender(): Contender {
  if (!existsSync(COMPILED)) {
    throw new Error(`${COMPILED} is missing: run "npx nx run run:compile" first`);
  }
  const child = spawn(process.execPath, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  return {
    pid: child.pid!,
    send: (command) =>
      new Promise((resolve, reject) => {
        const died = (): void => reject(new Error(`the contender exited:\n${stderr}`));
        void exited.then(died);
        waiting.push((line) => resolve(JSON.parse(line) as ContenderAnswer));
        child.stdin.write(`${JSON.stringify(command)}\n`);
      }),
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
