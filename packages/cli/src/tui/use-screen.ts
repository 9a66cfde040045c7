import { useInput, useStdout } from 'ink';
import { useCallback, useSyncExternalStore } from 'react';

/** What stopped the run: the `q` key or Ctrl-C (keys arrive raw, so Ctrl-C is a key here). */
export type InterruptSource = 'q' | 'ctrl-c';

/** A terminal's size in character cells. */
export interface TerminalSize {
  columns: number;
  /** Infinity when the stream has no height (a pipe or a test's fake terminal): nothing to fit. */
  rows: number;
}

/** The screen a view draws on: the terminal's size and the width its charts and bars may use. */
export interface ScreenSize extends TerminalSize {
  /** Usable width for drawings: 40 to 120 columns, one short of the terminal's edge. */
  width: number;
}

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
 * The size of Ink's stdout, re-read on every `resize` event: a component using it is redrawn to
 * the new size at once, not at its next data update (Ink alone only re-wraps the old layout).
 */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const subscribe = useCallback(
    (onResize: () => void) => {
      stdout.on('resize', onResize);
      return () => {
        stdout.off('resize', onResize);
      };
    },
    [stdout],
  );
  // Two snapshots of plain numbers, so an unchanged size never re-renders.
  const columns = useSyncExternalStore(subscribe, () => stdout.columns || 80);
  const rows = useSyncExternalStore(subscribe, () => stdout.rows || Infinity);
  return { columns, rows };
}

/**
 * The screen a training or study view draws on, followed on resize, with `q` / Ctrl-C passed to
 * `onInterrupt` while `interactive` (stdin is a terminal).
 */
export function useScreen(
  onInterrupt: ((source: InterruptSource) => void) | undefined,
  interactive: boolean,
): ScreenSize {
  const { columns, rows } = useTerminalSize();
  useInput(
    (input, key) => {
      for (const source of interruptKeys(input, key)) onInterrupt?.(source);
    },
    { isActive: interactive },
  );
  return { columns, rows, width: Math.max(40, Math.min(120, columns - 1)) };
}
