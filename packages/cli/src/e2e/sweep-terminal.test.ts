import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_MAIN, requireCompiledCli, writeTinyDataset } from './cli-process.test-support.js';
import { exitCodeIn, hasTmux, TmuxServer } from './tmux-terminal.test-support.js';

let workDir: string;
let dataDir: string;
/** A private tmux server whose socket lives in the test's folder (removed with it). */
let terminal: TmuxServer;

/**
 * Starts `sweep --file` of a tiny dense sweep (2 learning rates x 2 seeds) in an 80x24 tmux
 * window, as a person at a terminal would (no CI variable); the shell writes the exit code.
 */
async function startSweepIn(target: string, epochs: number): Promise<string> {
  const spec = join(workDir, `${target}.json`);
  await writeFile(
    spec,
    JSON.stringify({
      name: 'lr-check',
      base: { model: 'dense', epochs, limit: 200, batchSize: 4, backend: 'wasm', workers: 1 },
      space: { learningRate: [0.001, 0.003] },
      seeds: [1, 2],
    }),
  );
  const exitFile = join(workDir, `${target}.exit`);
  const command =
    `env -u CI ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_MAIN)} sweep --file ${JSON.stringify(spec)} ` +
    `--data-dir ${JSON.stringify(dataDir)} --runs-dir ${JSON.stringify(join(workDir, `runs-${target}`))}; ` +
    `echo $? > ${JSON.stringify(exitFile)}; sleep 60`;
  terminal.start(target, command);
  return exitFile;
}

beforeAll(async () => {
  if (!hasTmux) return;
  requireCompiledCli();
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-sweep-tmux-'));
  dataDir = await writeTinyDataset(join(workDir, 'data'));
  terminal = new TmuxServer(join(workDir, 'tmux.sock'));
});

afterAll(async () => {
  if (!hasTmux) return;
  terminal.kill();
  await rm(workDir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('the sweep screen in a real terminal (tmux, 80x24)', () => {
  it('draws the trials table and stops resumably on q, saying how to resume', async () => {
    const target = `sweep-stop-${process.pid}`;
    const exitFile = await startSweepIn(target, 30);
    // The first frame shows the sweep as read, before its first trial is marked running.
    const live = await terminal.waitForScreen(target, /4 trials: 1 running, 3 pending/, {
      joinWrapped: true,
    });
    expect(live).toMatch(/sweep lr-check · lr-check-\d{8}-\d{6} · elapsed \d+s/);
    expect(live).toContain('q or Ctrl-C: stop the sweep (its trials stay resumable)');
    expect(live).toMatch(/ 1 {2}learningRate=0\.001 +1 {2}running {3}(epoch \d+\/30 |starting…)/);
    expect(live).toMatch(/^ {2}learningRate=0\.003 +-- +-- +n = 0$/m);
    terminal.run('send-keys', '-t', target, 'q');
    const done = await terminal.waitForScreen(
      target,
      /stopped; resume with: npx nx run cli:sweep -- --resume lr-check-\S+/,
      { joinWrapped: true },
    );
    expect(done).toMatch(/TUI rendering: \d+\.\d\d% of wall time/);
    // `q` is an ordinary way to quit, as in train.
    expect(await exitCodeIn(exitFile)).toBe('0');
  }, 150_000);

  it('ends a tiny sweep with its summary printed: 2 configs with n = 2 and the answer', async () => {
    const target = `sweep-done-${process.pid}`;
    const exitFile = await startSweepIn(target, 1);
    const done = await terminal.waitForScreen(target, /^Best: learningRate=.*\.$/m, {
      joinWrapped: true,
    });
    expect(
      done.match(
        /^learningRate=0\.00[13]: test \d+\.\d\d% ± \d+\.\d\d \(n = 2\), best val .*\(n = 2\)$/gm,
      ),
    ).toHaveLength(2);
    expect(done).toMatch(/TUI rendering: \d+\.\d\d% of wall time/);
    expect(done).not.toContain('q or Ctrl-C');
    expect(await exitCodeIn(exitFile)).toBe('0');
  }, 150_000);
});
