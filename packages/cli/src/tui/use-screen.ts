import { useInput, useStdout } from 'ink';

/** What stopped the run: the `q` key or Ctrl-C (keys arrive raw, so Ctrl-C is a key here). */
export type InterruptSource = 'q' | 'ctrl-c';

/**
 * The stop requests in one chunk of key input. Two quick Ctrl-C presses can arrive as one chunk
 * ("\u0003\u0003"), which Ink passes on as text: each one counts, so the second still quits.
 */
export function interruptKeys(input: string, key: { ctrl: boolean }): InterruptSource[] {
  if (input === 'q') return ['q'];
  if (key.ctrl && input === 'c') return ['ctrl-c'];
  return [...input].filter((char) => char === '\u0003').map(() => 'ctrl-c' as const);
}

/**
 * The screen a training or study view draws on: its usable width (40 to 120 columns) and height,
 * with `q` / Ctrl-C passed to `onInterrupt` while `interactive` (stdin is a terminal).
 */
export function useScreen(
  onInterrupt: ((source: InterruptSource) => void) | undefined,
  interactive: boolean,
): { width: number; height: number } {
  const { stdout } = useStdout();
  useInput(
    (input, key) => {
      for (const source of interruptKeys(input, key)) onInterrupt?.(source);
    },
    { isActive: interactive },
  );
  return {
    width: Math.max(40, Math.min(120, (stdout.columns || 80) - 1)),
    height: stdout.rows || 24,
  };
}
