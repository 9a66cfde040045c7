/** What asked training to stop: the `q` key, Ctrl-C as a key (raw TUI), or a SIGINT/SIGTERM. */
export type StopSource = 'q' | 'ctrl-c' | 'signal';

/** The exit code of a process stopped by Ctrl-C / SIGINT (128 + 2), as shells expect. */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * Stops training cleanly on the first request (abort at the next batch boundary, after which
 * core writes nothing half-done) and exits at once on the second: core writes every file
 * atomically, so quitting mid-epoch never corrupts a run.
 */
export class Interrupter {
  readonly controller = new AbortController();
  source: StopSource | undefined;

  constructor(
    private readonly onFirst: (source: StopSource) => void = () => {},
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  /** A stop request from any source. */
  readonly interrupt = (source: StopSource): void => {
    if (this.source !== undefined) {
      this.exit(INTERRUPTED_EXIT_CODE);
      return;
    }
    this.source = source;
    this.controller.abort();
    this.onFirst(source);
  };

  /** Routes SIGINT and SIGTERM here while training; returns the function that stops listening. */
  listen(target: NodeJS.Process = process): () => void {
    const handler = (): void => this.interrupt('signal');
    target.on('SIGINT', handler);
    target.on('SIGTERM', handler);
    return () => {
      target.off('SIGINT', handler);
      target.off('SIGTERM', handler);
    };
  }

  /** The exit code of a run that ended `interrupted`: `q` is an ordinary quit. */
  exitCode(): number {
    return this.source === 'q' ? 0 : INTERRUPTED_EXIT_CODE;
  }
}
