import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeIdx } from '@fashion-lab/data';

/** The compiled CLI (the `test` target depends on `compile`, so it is there). */
export const CLI_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** The workspace root, for running through nx. */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Fails with the remedy when the CLI was not compiled (running vitest directly skips nx's dependsOn). */
export function requireCompiledCli(): void {
  if (!existsSync(CLI_MAIN)) {
    throw new Error(`${CLI_MAIN} is missing: run "npx nx run cli:compile" first`);
  }
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** An environment without color forcing or a RUNS_DIR from the caller's shell. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of [
    'FORCE_COLOR',
    'RUNS_DIR',
    'FASHION_MNIST_DIR',
    'NO_COLOR',
    'FASHION_LAB_QUEUE',
  ]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** A running CLI process whose output is collected; `watch` resolves once stdout matches. */
export interface CliProcess {
  child: ChildProcess;
  result: Promise<ProcessResult>;
  /** Resolves when stdout so far matches `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Everything printed on stdout so far. */
  stdout(): string;
}

/** Starts `node dist/main.js ...args` with pipes (so stdout is not a terminal), `env` added. */
export function startCli(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): CliProcess {
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd, env: cleanEnv(env) });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(stdout)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const result = new Promise<ProcessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    result,
    stdout: () => stdout,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stdout)) {
          resolve();
          return;
        }
        waiters.push({ pattern, resolve });
        void result.then(() =>
          reject(new Error(`exited before printing ${pattern}:\n${stdout}\n${stderr}`)),
        );
      }),
  };
}

/** Runs the CLI to the end. */
export function runCliProcess(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ProcessResult> {
  return startCli(args, cwd, env).result;
}

/** `count` images whose class is a bright band at a class-specific height, so a model can learn it. */
function bandImages(count: number, offset: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = (i + offset) % 10;
    labels[i] = label;
    for (let row = label * 2 + 3; row < label * 2 + 7; row++) {
      for (let col = 4; col < 24; col++)
        images[i * 784 + row * 28 + col] = 200 + ((i * 7 + col) % 56);
    }
  }
  return { images, labels };
}

/** Writes the four raw IDX files of a tiny dataset (`trainCount` + `testCount` images) into `dir`. */
export async function writeTinyDataset(
  dir: string,
  trainCount = 300,
  testCount = 100,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const train = bandImages(trainCount, 0);
  const test = bandImages(testCount, 3);
  await writeFile(
    join(dir, 'train-images-idx3-ubyte'),
    encodeIdx([trainCount, 28, 28], train.images),
  );
  await writeFile(join(dir, 'train-labels-idx1-ubyte'), encodeIdx([trainCount], train.labels));
  await writeFile(join(dir, 't10k-images-idx3-ubyte'), encodeIdx([testCount, 28, 28], test.images));
  await writeFile(join(dir, 't10k-labels-idx1-ubyte'), encodeIdx([testCount], test.labels));
  return dir;
}
