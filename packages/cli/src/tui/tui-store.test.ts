import { describe, expect, it, vi } from 'vitest';
import { MAX_FPS, MIN_FPS, RENDER_BUDGET, TuiStore } from './tui-store.js';

/** A store on a hand-driven clock whose subscriber "renders" for `frameMs`. */
function storeWithFrameCost(frameMs: number) {
  const clock = { now: 0 };
  const store = new TuiStore(() => clock.now);
  store.subscribe(() => {
    clock.now += frameMs;
  });
  return { store, clock };
}

describe('TuiStore', () => {
  it('spaces frames by 1/MAX_FPS when they are cheap', () => {
    const { store } = storeWithFrameCost(0.1);
    store.publish();
    expect(store.frameInterval()).toBe(1000 / MAX_FPS);
  });

  it('spaces costly frames so that drawing stays within the render budget', () => {
    const { store } = storeWithFrameCost(5);
    store.publish();
    expect(store.frameInterval()).toBeCloseTo(5 / RENDER_BUDGET);
    expect(store.clock.share()).toBe(1);
  });

  it('still draws MIN_FPS frames a second when frames are very costly', () => {
    const { store } = storeWithFrameCost(500);
    store.publish();
    expect(store.frameInterval()).toBe(1000 / MIN_FPS);
  });

  it('publishes a batch change once its interval has passed, and an urgent one at once', () => {
    vi.useFakeTimers();
    try {
      const { store, clock } = storeWithFrameCost(0);
      store.publish();
      store.invalidate();
      store.invalidate();
      expect(store.getVersion()).toBe(1);
      clock.now += 100;
      vi.advanceTimersByTime(100);
      expect(store.getVersion()).toBe(2);
      store.invalidate(true);
      expect(store.getVersion()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
