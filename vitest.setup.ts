import { afterEach, beforeEach, vi } from 'vitest';

/**
 * A test that writes unexpected console output fails, so noise never hides a warning.
 * Tests that expect output spy on console themselves (their spy replaces this one).
 */
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let unexpectedOutput: string[] = [];

beforeEach(() => {
  unexpectedOutput = [];
  for (const method of consoleMethods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      unexpectedOutput.push(`console.${method}: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (unexpectedOutput.length > 0) {
    throw new Error(`unexpected console output:\n${unexpectedOutput.join('\n')}`);
  }
});
