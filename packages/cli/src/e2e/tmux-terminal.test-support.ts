import { execFileSync, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether tmux runs here: the real-terminal tests skip without it. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export interface ScreenOptions {
  /** Only the screen as the user sees it, without the lines scrolled above it. */
  visibleOnly?: boolean;
  /** Joins lines tmux wrapped at the pane's width. */
  joinWrapped?: boolean;
  timeoutMs?: number;
}

/**
 * A private tmux server whose socket is a file the test owns (in its temporary folder), so the
 * tests never touch the user's own tmux sessions and a crashed test leaves nothing behind.
 */
export class TmuxServer {
  constructor(private readonly socket: string) {}

  /** Runs one tmux command on this server and returns its output. */
  run(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Starts `command` in a detached `width`x`height` window named `target`. */
  start(target: string, command: string, width = 80, height = 24): void {
    this.run('new-session', '-d', '-s', target, '-x', String(width), '-y', String(height), command);
  }

  /** Polls the pane until it shows `pattern`; the error shows what it showed instead. */
  async waitForScreen(
    target: string,
    pattern: RegExp,
    { visibleOnly = false, joinWrapped = false, timeoutMs = 60_000 }: ScreenOptions = {},
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.run(
        'capture-pane',
        '-p',
        ...(joinWrapped ? ['-J'] : []),
        ...(visibleOnly ? [] : ['-S', '-200']),
        '-t',
        target,
      );
      if (pattern.test(screen)) return screen;
      await sleep(200);
    }
    throw new Error(`the terminal never showed ${pattern}; it shows:\n${screen}`);
  }

  /** Stops the server and every window on it (nothing to stop is fine). */
  kill(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
  }
}

/** The exit code the shell in a pane wrote to `file` ('' if it wrote none within 10 s). */
export async function exitCodeIn(file: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const code = await readFile(file, 'utf8').then(
      (text) => text.trim(),
      () => '',
    );
    if (code !== '') return code;
    await sleep(100);
  }
  return '';
}
