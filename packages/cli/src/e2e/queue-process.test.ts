import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  opensslMissing,
  redisServerMissing,
  startRedisServer,
  trialJobStates,
  type RedisServer,
} from '@fashion-lab/sweep-queue/testing';
import {
  requireCompiledCli,
  runCliProcess,
  startCli,
  writeTinyDataset,
  type CliProcess,
} from './cli-process.test-support.js';

const missing = redisServerMissing();
/** The queue's password: it must never reach a file or a line of output. */
const SECRET = 'queue-secret-7c41e';

let workDir: string;
let dataDir: string;
let redis: RedisServer;
const started: CliProcess[] = [];

/** Dense on the tiny dataset, 2 learning rates x 2 seeds; enough epochs for a kill to land mid-trial. */
function tinySweep(epochs: number) {
  return {
    name: 'lr-queue',
    base: { model: 'dense', epochs, limit: 300, backend: 'wasm', workers: 1 },
    space: { learningRate: [0.001, 0.003] },
    seeds: [1, 2],
  };
}

interface SweepFile {
  sweepId: string;
  trials: { runId: string; state: string; worker?: string }[];
}

async function writeSpec(name: string, spec: unknown): Promise<string> {
  const file = join(workDir, name);
  await writeFile(file, JSON.stringify(spec));
  return file;
}

async function onlySweep(runsDir: string): Promise<SweepFile> {
  const [sweepId, ...others] = await readdir(join(runsDir, 'sweeps'));
  expect(others).toEqual([]);
  const text = await readFile(join(runsDir, 'sweeps', sweepId!, 'sweep.json'), 'utf8');
  return JSON.parse(text) as SweepFile;
}

async function epochLines(runDir: string): Promise<number[]> {
  const text = await readFile(join(runDir, 'metrics.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { type: string; epoch: number })
    .filter((line) => line.type === 'epoch')
    .map((line) => line.epoch);
}

/** Polls until `check` holds (the test's own timeout bounds the wait). */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await sleep(50);
}

function startWorker(runsDir: string): CliProcess {
  const worker = startCli(['worker', '--runs-dir', runsDir, '--data-dir', dataDir], workDir, {
    FASHION_LAB_QUEUE: redis.url,
  });
  started.push(worker);
  return worker;
}

/** The pid in a worker's "worker host:pid:" lines. */
function pidOf(worker: CliProcess): number {
  const match = /worker [^\s:]+:(\d+):/.exec(worker.stdout());
  if (match === null) throw new Error(`no worker line in:\n${worker.stdout()}`);
  return Number(match[1]);
}

/** Every file below `dir`, recursively. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  if (missing !== undefined) return;
  requireCompiledCli();
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-queue-e2e-'));
  dataDir = await writeTinyDataset(join(workDir, 'data'));
  redis = await startRedisServer({ password: SECRET });
});

afterAll(async () => {
  for (const process of started) {
    if (process.child.exitCode === null && process.child.signalCode === null) {
      process.child.kill('SIGKILL');
    }
  }
  await redis?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

describe.skipIf(missing !== undefined)(
  `fashion-lab sweep --queue and worker ${missing ?? ''}`,
  () => {
    it('completes a sweep on three workers though one is SIGKILLed mid-trial: its trial resumes on exactly one other worker, every epoch is trained once, the password is written nowhere', async () => {
      const runsDir = join(workDir, 'distributed');
      const workers = [startWorker(runsDir), startWorker(runsDir), startWorker(runsDir)];
      await Promise.all(workers.map((worker) => worker.waitFor(/waiting for trials on /)));
      const spec = await writeSpec('lr-queue.json', tinySweep(6));
      const sweep = startCli(
        ['sweep', '--file', spec, '--queue', redis.url, '--runs-dir', runsDir],
        workDir,
      );
      started.push(sweep);

      // The first worker to start a trial dies once that run has a finished epoch (a checkpoint).
      const victim = await Promise.race(
        workers.map((worker) => worker.waitFor(/ started: run /).then(() => worker)),
      );
      const killedRun = / started: run (\S+)/.exec(victim.stdout())?.[1] ?? '';
      await until(async () => (await epochLines(join(runsDir, killedRun))).length > 0);
      const victimPid = pidOf(victim);
      victim.child.kill('SIGKILL');
      await victim.result;
      const victimLines = victim.stdout();

      const swept = await sweep.result;
      expect(swept.stderr).toBe('');
      expect(swept.code).toBe(0);
      expect(swept.stdout.match(/^learningRate=.*\(n = 2\)$/gm)).toHaveLength(2);
      const survivors = workers.filter((worker) => worker !== victim);
      for (const worker of survivors) worker.child.kill('SIGINT');
      const ends = await Promise.all(survivors.map((worker) => worker.result));
      expect(ends.map((end) => [end.code, end.stderr])).toEqual([
        [0, ''],
        [0, ''],
      ]);

      const sweepFile = await onlySweep(runsDir);
      expect(sweepFile.trials.map((trial) => trial.state)).toEqual(Array(4).fill('completed'));
      for (const trial of sweepFile.trials) {
        const run = JSON.parse(await readFile(join(runsDir, trial.runId, 'run.json'), 'utf8')) as {
          status: string;
        };
        expect(run.status).toBe('completed');
        // A resumed run's metrics are cut back to its checkpoint's epoch: no epoch twice.
        expect(await epochLines(join(runsDir, trial.runId))).toEqual([1, 2, 3, 4, 5, 6]);
      }

      // Exactly one survivor resumed the killed run, and it finished it; the victim wrote no line after.
      const resumers = survivors.filter((worker) =>
        worker.stdout().includes(`resumed: run ${killedRun}`),
      );
      expect(resumers).toHaveLength(1);
      const resumer = resumers[0]!;
      expect(resumer.stdout().match(new RegExp(`resumed: run ${killedRun}`, 'g'))).toHaveLength(1);
      expect(sweepFile.trials.find((trial) => trial.runId === killedRun)?.worker).toMatch(
        new RegExp(`:${pidOf(resumer)}$`),
      );
      expect(victim.stdout()).toBe(victimLines);
      expect(victimLines).not.toMatch(/completed: test/);
      // Fencing: the run's lock went from the victim to the resumer with a newer token, and the
      // resumer let go at the end; no other process holds a claim.
      const lockDir = join(runsDir, killedRun, 'run.lock');
      const claims = await Promise.all(
        (await readdir(lockDir))
          .filter((name) => /^\d+\.json$/.test(name))
          .map(async (name) => ({
            token: Number.parseInt(name, 10),
            ...(JSON.parse(await readFile(join(lockDir, name), 'utf8')) as {
              pid: number;
              released?: boolean;
            }),
          })),
      );
      const newest = claims.sort((a, b) => a.token - b.token).at(-1);
      expect(newest).toMatchObject({ pid: pidOf(resumer), released: true });
      expect(newest!.token).toBeGreaterThan(1);
      // The sweep command saw the killed trial run on the victim (for the 10 s until BullMQ judged
      // it lost), then end on the resumer (its short resumed turn may fall between two looks).
      const killedTrial = sweepFile.trials.findIndex((trial) => trial.runId === killedRun) + 1;
      expect(swept.stdout).toMatch(
        new RegExp(
          `^trial ${killedTrial}/4 .* running on \\S+:${victimPid}: run ${killedRun}$`,
          'm',
        ),
      );
      expect(swept.stdout).toMatch(
        new RegExp(`^trial ${killedTrial}/4 .* completed on \\S+:${pidOf(resumer)}$`, 'm'),
      );

      // The password: in no file the sweep wrote, in no line any process printed.
      for (const file of await filesBelow(workDir)) {
        if (file.startsWith(dataDir)) continue;
        expect((await readFile(file)).includes(SECRET), file).toBe(false);
      }
      const output = [swept, ...ends].map((end) => end.stdout + end.stderr).join('') + victimLines;
      expect(output).not.toContain(SECRET);
      expect(output).toContain(`redis://127.0.0.1:${redis.port}`);
    }, 180_000);

    it('runs successive halving through the queue: the workers enqueue the promotions, one config trains to the end', async () => {
      const runsDir = join(workDir, 'halving');
      const workers = [startWorker(runsDir), startWorker(runsDir)];
      await Promise.all(workers.map((worker) => worker.waitFor(/waiting for trials on /)));
      const spec = await writeSpec('halving.json', {
        ...tinySweep(4),
        space: { learningRate: [0.0003, 0.001, 0.003, 0.01] },
        seeds: [1],
        halving: { minEpochs: 1, factor: 2 },
      });
      const swept = await runCliProcess(
        ['sweep', '--file', spec, '--queue', redis.url, '--runs-dir', runsDir],
        workDir,
      );
      expect(swept.stderr).toBe('');
      expect(swept.code).toBe(0);
      expect(swept.stdout).toContain('halving rungs at 1, 2, 4 epochs');
      for (const worker of workers) worker.child.kill('SIGINT');
      const lines = (await Promise.all(workers.map((worker) => worker.result)))
        .map((end) => end.stdout)
        .join('');
      // A promoted trial's next turn is a job of its own, resumed from the rung's checkpoint.
      expect(lines).toMatch(/ reached its rung /);
      expect(lines).toMatch(/ resumed: run /);
      const sweepFile = (await onlySweep(runsDir)) as SweepFile & {
        trials: { state: string; rung?: number }[];
      };
      const states = sweepFile.trials.map((trial) => trial.state).sort();
      expect(states).toEqual(['completed', 'pruned', 'pruned', 'pruned']);
      const rungs = [1, 2, 4];
      for (const trial of sweepFile.trials) {
        const through = trial.state === 'completed' ? 4 : rungs[trial.rung ?? 0]!;
        // Each rung's turn went on from the last one's checkpoint: every epoch once.
        expect(await epochLines(join(runsDir, trial.runId))).toEqual(
          Array.from({ length: through }, (_, i) => i + 1),
        );
      }
    }, 120_000);

    it('a worker stopped by Ctrl-C hands its trial straight back, and another resumes it; a detached sweep then shows its summary with --status', async () => {
      const runsDir = join(workDir, 'handed-back');
      const first = startWorker(runsDir);
      await first.waitFor(/waiting for trials on /);
      const spec = await writeSpec('handed-back.json', { ...tinySweep(4), seeds: [1] });
      const detached = await runCliProcess(
        ['sweep', '--file', spec, '--detach', '--runs-dir', runsDir],
        workDir,
        { FASHION_LAB_QUEUE: redis.url },
      );
      expect(detached.stderr).toBe('');
      expect(detached.code).toBe(0);
      const { sweepId } = await onlySweep(runsDir);
      expect(detached.stdout).toContain(
        `follow it with: npx nx run cli:sweep -- --status ${sweepId}`,
      );

      await first.waitFor(/ started: run /);
      const runId = / started: run (\S+)/.exec(first.stdout())?.[1] ?? '';
      await until(async () => (await epochLines(join(runsDir, runId))).length > 0);
      first.child.kill('SIGINT');
      const stopped = await first.result;
      expect(stopped.code).toBe(0);
      expect(stopped.stdout).toMatch(
        /interrupted \(resumable\): handed back to the queue\n.*stopped\n$/,
      );
      // Back in 'waiting' at once, not left 'active' until BullMQ judges it stalled.
      const trial = (await onlySweep(runsDir)).trials.findIndex((t) => t.runId === runId);
      const states = await trialJobStates(redis.url);
      expect(states[`${sweepId}.trial-${trial}.turn-0`]).toBe('waiting');

      const second = startWorker(runsDir);
      await second.waitFor(new RegExp(`resumed: run ${runId} `));
      await until(async () =>
        (await onlySweep(runsDir)).trials.every((t) => t.state === 'completed'),
      );
      second.child.kill('SIGINT');
      expect((await second.result).code).toBe(0);
      const status = await runCliProcess(
        ['sweep', '--status', sweepId, '--runs-dir', runsDir],
        workDir,
      );
      expect(status.code).toBe(0);
      expect(status.stdout).toContain('2 trials: 2 completed');
      expect(status.stdout).toMatch(/^learningRate=0\.001: test .* \(n = 1\)/m);
      for (const trial of (await onlySweep(runsDir)).trials) {
        expect(await epochLines(join(runsDir, trial.runId))).toEqual([1, 2, 3, 4]);
      }
    }, 120_000);

    it('marks a trial whose run cannot be read failed with its error after three attempts, not retried forever', async () => {
      const runsDir = join(workDir, 'failing');
      const spec = await writeSpec('failing.json', {
        ...tinySweep(1),
        space: { learningRate: [0.001] },
        seeds: [1],
      });
      const detached = await runCliProcess(
        ['sweep', '--file', spec, '--detach', '--queue', redis.url, '--runs-dir', runsDir],
        workDir,
      );
      expect(detached.code).toBe(0);
      const [trial] = (await onlySweep(runsDir)).trials;
      // A damaged run.json where the trial's run goes: every attempt to train it throws.
      await mkdir(join(runsDir, trial!.runId));
      await writeFile(join(runsDir, trial!.runId, 'run.json'), '{"status": ');
      const worker = startWorker(runsDir);
      await worker.waitFor(/failed: .*run\.json.*\n/);
      await until(async () => (await onlySweep(runsDir)).trials[0]?.state === 'failed');
      worker.child.kill('SIGINT');
      const stopped = await worker.result;
      expect(stopped.code).toBe(0);
      const failures = stopped.stdout.split('\n').filter((line) => / failed: /.test(line));
      expect(failures).toHaveLength(3);
      expect(failures.filter((line) => line.endsWith('(to be tried again)'))).toHaveLength(2);
      const failed = (await onlySweep(runsDir)).trials[0] as { state: string; error?: string };
      expect(failed.error).toMatch(/run\.json/);
      const status = await runCliProcess(
        ['sweep', '--status', (await onlySweep(runsDir)).sweepId, '--runs-dir', runsDir],
        workDir,
      );
      expect(status.stdout).toMatch(/trial 1\/1 .*: failed \(.*run\.json/);
    }, 60_000);

    it('a worker that cannot see the sweep (another runs directory) stops with one sentence and leaves the job waiting; --resume --queue enqueues nothing twice', async () => {
      const runsDir = join(workDir, 'elsewhere');
      const spec = await writeSpec('elsewhere.json', {
        ...tinySweep(1),
        space: { learningRate: [0.001] },
        seeds: [1],
      });
      const detached = await runCliProcess(
        ['sweep', '--file', spec, '--detach', '--queue', redis.url, '--runs-dir', runsDir],
        workDir,
      );
      expect(detached.code).toBe(0);
      const { sweepId } = await onlySweep(runsDir);
      const lost = startWorker(join(workDir, 'not-shared'));
      const result = await lost.result;
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `error: sweep ${sweepId} is not in ${join(workDir, 'not-shared')}: every worker needs the runs directory the sweep was started in (shared storage; --runs-dir or RUNS_DIR)\n`,
      );
      const waiting = Object.entries(await trialJobStates(redis.url)).filter(([id]) =>
        id.startsWith(`${sweepId}.`),
      );
      expect(waiting).toEqual([[`${sweepId}.trial-0.turn-0`, 'waiting']]);

      const resumed = await runCliProcess(
        ['sweep', '--resume', sweepId, '--detach', '--queue', redis.url, '--runs-dir', runsDir],
        workDir,
      );
      expect(resumed.stdout).toContain(`sweep ${sweepId}: 1 trial on the queue at `);
      expect(
        Object.keys(await trialJobStates(redis.url)).filter((id) => id.startsWith(`${sweepId}.`)),
      ).toHaveLength(1);
      const worker = startWorker(runsDir);
      await worker.waitFor(/trial 1\/1 .* completed: test /);
      worker.child.kill('SIGINT');
      expect((await worker.result).code).toBe(0);
      expect((await onlySweep(runsDir)).trials[0]?.state).toBe('completed');
    });

    it('says in one sentence that Redis is unreachable, without the password, exit 1, nothing written', async () => {
      const port = await new Promise<number>((resolve) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
          const address = server.address();
          server.close(() =>
            resolve(typeof address === 'object' && address !== null ? address.port : 0),
          );
        });
      });
      const runsDir = join(workDir, 'unreachable');
      const spec = await writeSpec('unreachable.json', tinySweep(1));
      const result = await runCliProcess(
        [
          'sweep',
          '--file',
          spec,
          '--queue',
          `redis://:${SECRET}@127.0.0.1:${port}`,
          '--runs-dir',
          runsDir,
        ],
        workDir,
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `error: cannot reach the queue at redis://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n`,
      );
      expect(existsSync(runsDir)).toBe(false);
    });

    describe.skipIf(opensslMissing() !== undefined)(`over TLS ${opensslMissing() ?? ''}`, () => {
      let tlsRedis: RedisServer;
      beforeAll(async () => {
        tlsRedis = await startRedisServer({ password: SECRET, tls: true });
      });
      afterAll(async () => {
        await tlsRedis?.stop();
      });

      it('enqueues through a rediss:// URL whose certificate the machine trusts, and refuses an untrusted one in one sentence', async () => {
        const spec = await writeSpec('tls.json', tinySweep(1));
        const shown = `rediss://127.0.0.1:${tlsRedis.port}`;
        const untrusted = await runCliProcess(
          ['sweep', '--file', spec, '--detach', '--runs-dir', join(workDir, 'tls-untrusted')],
          workDir,
          { FASHION_LAB_QUEUE: tlsRedis.url },
        );
        expect(untrusted.code).toBe(1);
        expect(untrusted.stderr).toMatch(
          new RegExp(`^error: cannot reach the queue at ${shown}: .*certificate.*\n$`),
        );
        expect(existsSync(join(workDir, 'tls-untrusted'))).toBe(false);

        const trusted = await runCliProcess(
          ['sweep', '--file', spec, '--detach', '--runs-dir', join(workDir, 'tls')],
          workDir,
          { FASHION_LAB_QUEUE: tlsRedis.url, NODE_EXTRA_CA_CERTS: tlsRedis.certificateFile },
        );
        expect(trusted.stderr).toBe('');
        expect(trusted.code).toBe(0);
        expect(trusted.stdout).toContain(`4 trials on the queue at ${shown}\n`);
        expect(trusted.stdout + trusted.stderr).not.toContain(SECRET);
      });
    });
  },
);
