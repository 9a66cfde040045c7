import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  redisServerMissing,
  startRedisServer,
  type RedisServer,
} from '@fashion-lab/sweep-queue/testing';
import {
  CLI_MAIN,
  requireCompiledCli,
  startCli,
  writeTinyDataset,
  type CliProcess,
} from './cli-process.test-support.js';
import { exitCodeIn, hasTmux, TmuxServer } from './tmux-terminal.test-support.js';

const missing = hasTmux ? redisServerMissing() : 'tmux is not installed';
/** The queue's password: the screen must never show it. */
const SECRET = 'queue-secret-93d0a';

let workDir: string;
let dataDir: string;
let redis: RedisServer;
/** A private tmux server whose socket lives in the test's folder (removed with it). */
let terminal: TmuxServer;
let runsDir: string;
const workers: CliProcess[] = [];

beforeAll(async () => {
  if (missing !== undefined) return;
  requireCompiledCli();
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-queue-tmux-'));
  dataDir = await writeTinyDataset(join(workDir, 'data'));
  terminal = new TmuxServer(join(workDir, 'tmux.sock'));
  runsDir = join(workDir, 'runs');
  redis = await startRedisServer({ password: SECRET });
});

afterAll(async () => {
  if (missing !== undefined) return;
  terminal.kill();
  for (const worker of workers) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill('SIGKILL');
    }
  }
  await redis?.stop();
  await rm(workDir, { recursive: true, force: true });
});

/**
 * Starts `sweep --file --queue` of a tiny dense sweep (one learning rate, `seeds`) in an 80x24
 * tmux window, as a person at a terminal would (no CI variable); the shell writes the exit code.
 */
async function startQueuedSweepIn(target: string, epochs: number, seeds: number[]) {
  const spec = join(workDir, `${target}.json`);
  await writeFile(
    spec,
    JSON.stringify({
      name: 'lr-queue',
      base: { model: 'dense', epochs, limit: 200, batchSize: 4, backend: 'wasm' },
      space: { learningRate: [0.001] },
      seeds,
    }),
  );
  const exitFile = join(workDir, `${target}.exit`);
  const command =
    `env -u CI ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_MAIN)} sweep --file ${JSON.stringify(spec)} ` +
    `--queue ${JSON.stringify(redis.url)} --runs-dir ${JSON.stringify(runsDir)}; ` +
    `echo $? > ${JSON.stringify(exitFile)}; sleep 60`;
  terminal.start(target, command);
  return exitFile;
}

describe.skipIf(missing !== undefined)(
  `a queued sweep on a real terminal (tmux, 80x24) ${missing ?? ''}`,
  () => {
    let worker: CliProcess;
    /** The running trial's row: its epoch (20 epochs take seconds) and the one worker's name. */
    let workerRow: RegExp;

    beforeAll(async () => {
      worker = startCli(['worker', '--runs-dir', runsDir, '--data-dir', dataDir], workDir, {
        FASHION_LAB_QUEUE: redis.url,
      });
      workers.push(worker);
      await worker.waitFor(/waiting for trials on /);
      const pid = /worker [^\s:]+:(\d+):/.exec(worker.stdout())?.[1];
      workerRow = new RegExp(`running {3}epoch \\d+/20 on \\S+:${pid}$`, 'm');
    });

    it("shows the sweep screen while the worker trains: the queue without its password, the trial's worker and epoch, then the summary", async () => {
      const target = `queue-done-${process.pid}`;
      const exitFile = await startQueuedSweepIn(target, 20, [1, 2]);
      const live = await terminal.waitForScreen(target, workerRow, { joinWrapped: true });
      expect(live).toMatch(
        new RegExp(`^2 trials: .* · queue redis://127\\.0\\.0\\.1:${redis.port}$`, 'm'),
      );
      expect(live).toContain('q or Ctrl-C: stop waiting (the workers go on with the trials)');

      const done = await terminal.waitForScreen(
        target,
        /^learningRate=0\.001: test .*\(n = 2\)$/m,
        { joinWrapped: true },
      );
      expect(done).toMatch(/^sweep lr-queue-\d{8}-\d{6}:$/m);
      expect(done).toMatch(/TUI rendering: \d+\.\d\d% of wall time/);
      expect(done).not.toContain('q or Ctrl-C');
      expect(done).not.toContain(SECRET);
      expect(await exitCodeIn(exitFile)).toBe('0');
    }, 150_000);

    it('stops only the waiting on Ctrl-C (exit 130): the worker finishes the trial', async () => {
      const target = `queue-stop-${process.pid}`;
      const exitFile = await startQueuedSweepIn(target, 20, [3]);
      const live = await terminal.waitForScreen(target, workerRow, { joinWrapped: true });
      const sweepId = /^sweep lr-queue · (lr-queue-\S+) · /m.exec(live)?.[1];
      expect(sweepId, 'the header names the sweep').toBeDefined();
      terminal.run('send-keys', '-t', target, 'C-c');
      await terminal.waitForScreen(
        target,
        /stopped waiting; the trials stay on the queue; follow them with: npx nx run cli:sweep -- --status lr-queue-/,
        { joinWrapped: true },
      );
      expect(await exitCodeIn(exitFile)).toBe('130');
      const sweepFile = join(runsDir, 'sweeps', sweepId!, 'sweep.json');
      const state = async () =>
        (JSON.parse(await readFile(sweepFile, 'utf8')) as { trials: { state: string }[] }).trials[0]
          ?.state;
      while ((await state()) !== 'completed') await sleep(200);
    }, 150_000);
  },
);
