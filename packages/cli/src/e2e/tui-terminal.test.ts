import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_MAIN, requireCompiledCli, writeTinyDataset } from './cli-process.test-support.js';
import { hasTmux, TmuxServer, type ScreenOptions } from './tmux-terminal.test-support.js';

let workDir: string;
let dataDir: string;
let session: string;
/** A private tmux server whose socket lives in the test's folder (removed with it). */
let terminal: TmuxServer;

/** Polls the session's pane (or `target`'s) until it shows `pattern`. */
function waitForScreen(
  pattern: RegExp,
  { target = session, ...options }: ScreenOptions & { target?: string } = {},
): Promise<string> {
  return terminal.waitForScreen(target, pattern, options);
}

beforeAll(async () => {
  if (!hasTmux) return;
  requireCompiledCli();
  workDir = await mkdtemp(join(tmpdir(), 'fashion-lab-cli-tmux-'));
  dataDir = await writeTinyDataset(join(workDir, 'data'));
  session = `fashion-lab-test-${process.pid}`;
  terminal = new TmuxServer(join(workDir, 'tmux.sock'));
});

afterAll(async () => {
  if (!hasTmux) return;
  terminal.kill();
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
    terminal.start(session, command, 100, 40);
    const live = await waitForScreen(/q or Ctrl-C: stop/);
    expect(live).toMatch(/╭─+╮/);
    expect(live).toMatch(/fashion-lab \S+-dense-adam/);
    expect(live).toMatch(/epoch \d+\/30 /);
    expect(live).toContain('samples/s');
    terminal.run('send-keys', '-t', session, 'q');
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

  it('keeps the header on an 80x24 screen while training and draws the batch-loss chart once resized to 120x40', async () => {
    const target = `${session}-small`;
    // More images than the other test, so training lasts while the window is resized.
    const largerDataDir = await writeTinyDataset(join(workDir, 'data-1000'), 1000, 100);
    const command =
      `env -u CI ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_MAIN)} train --model dense ` +
      `--epochs 10 --batch-size 4 --limit 1000 --data-dir ${JSON.stringify(largerDataDir)} ` +
      `--runs-dir ${JSON.stringify(join(workDir, 'runs-small'))}; sleep 60`;
    terminal.start(target, command);
    // From the second epoch on, the printed epoch table leaves no room for the batch-loss chart.
    const small = await waitForScreen(/epoch ([2-9]|10)\/10 /, { target, visibleOnly: true });
    expect(small).toMatch(/╭─+╮/);
    expect(small).toMatch(/fashion-lab \S+-dense-adam/);
    expect(small).toMatch(/model dense \([\d,]+ params\) · 10 epochs · batch 4/);
    expect(small).toContain('loss  ━ train  ━ val');
    expect(small).not.toContain('batch loss (smoothed)');
    terminal.run('resize-window', '-t', target, '-x', '120', '-y', '40');
    const large = await waitForScreen(/batch loss \(smoothed\)/, { target, visibleOnly: true });
    expect(large).toMatch(/fashion-lab \S+-dense-adam/);
    expect(large).toMatch(/epoch \d+\/10 /);
    terminal.run('send-keys', '-t', target, 'q');
    await waitForScreen(/Resume with: npx nx run cli:train -- --resume \S+/, { target });
  }, 150_000);
});
