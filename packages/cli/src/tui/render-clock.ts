/**
 * Accounts the time the TUI spends rendering (React reconciliation plus Ink's layout and
 * output), to report it as a share of wall time. Ink renders some frames later than the update
 * that caused them (its own throttle); those arrive through `addInkRender` and count only when
 * they happened outside a measured update, so nothing counts twice.
 */
export class RenderClock {
  renderMs = 0;
  frames = 0;
  /** A moving average of one frame's cost, for pacing the next frames. */
  averageFrameMs = 0;
  private readonly startedAt: number;
  private measuring = false;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.startedAt = now();
  }

  /** Runs `update` (which renders synchronously) and counts its time. */
  measure(update: () => void): void {
    const start = this.now();
    this.measuring = true;
    try {
      update();
    } finally {
      this.measuring = false;
      this.count(this.now() - start);
    }
  }

  private count(ms: number): void {
    this.renderMs += ms;
    this.frames++;
    this.averageFrameMs = this.frames === 1 ? ms : this.averageFrameMs * 0.8 + ms * 0.2;
  }

  /** Ink's own measurement of one output pass (its `onRender` option). */
  addInkRender(ms: number): void {
    if (this.measuring) return;
    this.count(ms);
  }

  /** Milliseconds since the clock started. */
  wallMs(): number {
    return this.now() - this.startedAt;
  }

  /** Rendering time over wall time, 0..1. */
  share(): number {
    const wall = this.wallMs();
    return wall > 0 ? this.renderMs / wall : 0;
  }

  /** One line for the footer: `TUI rendering: 0.42% of wall time (183 ms in 96 frames over 43s)`. */
  describe(): string {
    return (
      `TUI rendering: ${(this.share() * 100).toFixed(2)}% of wall time ` +
      `(${Math.round(this.renderMs)} ms in ${this.frames} frames over ${(this.wallMs() / 1000).toFixed(1)} s)`
    );
  }
}
