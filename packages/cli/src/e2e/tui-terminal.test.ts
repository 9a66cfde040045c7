import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_MAIN, requireCompiledCli, writeTinyDataset } from './cli-process.test-support.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

let workDir: string;
let dataDir: string;
let session: string;
/** A private tmux server whose socket lives in the test's folder (removed with it). */
let socket: string;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
}

/** Polls the pane until it shows `pattern` (the screen as the user sees it). */
async function waitForScreen(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-p', '-S', '-200', '-t', session);
    if (pattern.test(screen)) return screen;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the terminal never showed ${pattern}; it shows:\n${screen}`);
}

beforeAll(async () => {
  if (!hasTmux) return;
  requireCompiledCli();
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-cli-tmux-'));
  dataDir = await writeTinyDataset(join(workDir, 'data'));
  session = `fashion-lab-test-${process.pid}`;
  socket = join(workDir, 'tmux.sock');
});

afterAll(async () => {
  if (!hasTmux) return;
  spawnSync('tmux', ['-S', socket, 'kill-server']);
  await rm(workDir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('the TUI in a real terminal (tmux)', () => {
  it('draws the live screen and stops cleanly on q with the resume command', async () => {
    const exitFile = join(workDir, 'exit-code');
    // A person at a terminal: no CI variable (the test itself may run under CI).
    const command =
      `env -u CI ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_MAIN)} train --model dense ` +
      `--epochs 30 --batch-size 4 --limit 200 --data-dir ${JSON.stringify(dataDir)} ` +
      `--runs-dir ${JSON.stringify(join(workDir, 'runs'))}; echo $? > ${JSON.stringify(exitFile)}; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '40', command);
    const live = await waitForScreen(/q or Ctrl-C: stop/);
    expect(live).toMatch(/╭─+╮/);
    expect(live).toMatch(/fashion-lab \S+-dense-adam/);
    expect(live).toMatch(/epoch \d+\/30 /);
    expect(live).toContain('samples/s');
    tmux('send-keys', '-t', session, 'q');
    const done = await waitForScreen(/Resume with: npx nx run cli:train -- --resume \S+/);
    expect(done).toMatch(/Stopped (after epoch \d+ of 30|before the first epoch)/);
    expect(done).toMatch(/TUI rendering: \d+\.\d\d% of wall time/);
    // `q` is an ordinary way to quit: exit code 0.
    const deadline = Date.now() + 10_000;
    let code = '';
    while (Date.now() < deadline && code === '') {
      code = await readFile(exitFile, 'utf8').then(
        (text) => text.trim(),
        () => '',
      );
      if (code === '') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(code).toBe('0');
  }, 150_000);
});
