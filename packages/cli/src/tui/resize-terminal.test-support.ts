import type { TerminalSize } from './use-screen.js';

/**
 * Resizes ink-testing-library's terminal, which is 100 columns wide without rows and has no way
 * to change that: gives its stdout the new size and emits the event a terminal's stdout emits,
 * so Ink lays out and the app draws for that size. Resolves once React has drawn it (on its
 * next turn, not inside the event).
 */
export async function resizeTerminal(
  stdout: NodeJS.EventEmitter,
  size: TerminalSize,
): Promise<void> {
  Object.defineProperties(stdout, {
    columns: { value: size.columns, configurable: true },
    rows: { value: size.rows, configurable: true },
  });
  stdout.emit('resize');
  await new Promise((resolve) => setImmediate(resolve));
}
