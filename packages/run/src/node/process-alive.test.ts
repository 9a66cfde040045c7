import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isProcessAlive } from './process-alive.js';

describe('isProcessAlive', () => {
  it('is true for this process and its parent', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(process.ppid)).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 22 + 7])('is false for %s (no such process)', (pid) => {
    expect(isProcessAlive(pid)).toBe(false);
  });

  it('is false for a process that exited', async () => {
    const child = spawn('true');
    await once(child, 'exit');
    expect(isProcessAlive(child.pid!)).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'is false for a zombie (exited, never reaped by its parent)',
    async () => {
      // The shell starts `sleep 1` in the background, then becomes `sleep 9`, which never reaps it
      // (the second is long past the exec when the first ends).
      const parent = spawn('sh', ['-c', 'sleep 1 & echo $!; exec sleep 9'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      try {
        const [chunk] = (await once(parent.stdout, 'data')) as [Buffer];
        const zombie = Number(chunk.toString().trim());
        await waitUntilZombie(zombie);
        expect(isProcessAlive(zombie)).toBe(false);
        expect(isProcessAlive(parent.pid!)).toBe(true);
      } finally {
        parent.kill('SIGKILL');
      }
    },
  );
});

/** Waits until `ps` shows the background `sleep 1` as a zombie (state Z). */
async function waitUntilZombie(pid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const ps = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
    if (ps.stdout.trim().startsWith('Z')) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`process ${pid} never became a zombie`);
}
