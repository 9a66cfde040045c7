import { FASHION_MNIST_CLASS_NAMES } from '@fashion-lab/data';
import { render } from 'ink-testing-library';
import { plainFrame as plain } from './plain-frame.test-support.js';
import { resizeTerminal } from './resize-terminal.test-support.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FAKE_CONFIG,
  FAKE_RUN_ID,
  fakeEpoch,
  fakeEvaluation,
  fakeRunEvents,
  fakeRunStart,
} from '../fake-run.test-support.js';
import type { TrainingEvent } from '@fashion-lab/run';
import { TrainApp } from './train-app.js';
import { TuiReporter } from './tui-reporter.js';
import { TuiStore } from './tui-store.js';
import type { TerminalSize } from './use-screen.js';

async function feed(reporter: TuiReporter, events: TrainingEvent[]): Promise<void> {
  for (const event of events) {
    switch (event.type) {
      case 'run-start':
        await reporter.onRunStart(event);
        break;
      case 'epoch-start':
        await reporter.onEpochStart(event);
        break;
      case 'batch':
        await reporter.onBatchEnd(event);
        break;
      case 'epoch':
        await reporter.onEpochEnd(event);
        break;
      case 'checkpoint':
        await reporter.onCheckpoint(event);
        break;
      case 'run-end':
        await reporter.onRunEnd(
          event,
          event.status === 'completed' ? { evaluation: fakeEvaluation() } : {},
        );
        break;
      case 'error':
        await reporter.onError(event);
        break;
    }
  }
}

async function mountOn(terminal: TerminalSize) {
  const mounted = mount();
  await resizeTerminal(mounted.app.stdout, terminal);
  return mounted;
}

function mount(options: { onInterrupt?: () => void } = {}) {
  const store = new TuiStore();
  const element = () => (
    <TrainApp
      store={store}
      classNames={FASHION_MNIST_CLASS_NAMES}
      interactive
      {...(options.onInterrupt ? { onInterrupt: options.onInterrupt } : {})}
    />
  );
  const app = render(element());
  store.subscribe(() => app.rerender(element()));
  return { store, app, reporter: new TuiReporter(store) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('TrainApp', () => {
  it('shows the loading line before the run starts', () => {
    const { app } = mount();
    expect(plain(app.lastFrame())).toContain('Loading the dataset');
    app.unmount();
  });

  it('shows how many training workers share the backend, and a cosine schedule', async () => {
    const { app, reporter, store } = mount();
    const config = { ...FAKE_CONFIG, workers: 2, lrSchedule: 'cosine' as const };
    await feed(reporter, [fakeRunStart({ config })]);
    store.publish();
    expect(plain(app.lastFrame())).toContain('lr 0.001 cosine · backend cpu × 2 workers');
    app.unmount();
  });

  it('shows the header, progress bars, charts and epoch table while training', async () => {
    const { app, reporter, store } = mount();
    await feed(reporter, fakeRunEvents(2));
    store.publish();
    const frame = plain(app.lastFrame());
    expect(frame).toContain(FAKE_RUN_ID);
    expect(frame).toContain('model dense (101,770 params) · 3 epochs · batch 100');
    expect(frame).toContain('optimizer adam lr 0.001 · backend cpu');
    expect(frame).toContain('fashion-mnist: 360 train / 40 val / 100 test');
    expect(frame).toMatch(/epoch 2\/3 .*100%\s+batch 4\/4/);
    expect(frame).toMatch(/run\s+.*66%/);
    expect(frame).toContain('samples/s');
    expect(frame).toContain('ETA');
    expect(frame).toContain('loss  ━ train  ━ val');
    expect(frame).toContain('accuracy  ━ train  ━ val');
    expect(frame).toContain('batch loss (smoothed)');
    expect(frame).toMatch(/[\u2801-\u28ff]/);
    expect(frame).toMatch(/epoch\s+loss\s+acc\s+val loss\s+val acc\s+lr\s+time/);
    expect(frame).toMatch(/1\/3\s+1\.0000\s+0\.7000\s+1\.1000\s+0\.7000/);
    expect(frame).toMatch(/2\/3 .*0\.8200.*★ best so far/);
    expect(frame).toContain('q or Ctrl-C');
    app.unmount();
  });

  it('ends with the confusion matrix, the most confused pairs and where the run was saved', async () => {
    const { app, reporter, store } = mount();
    await feed(reporter, [
      ...fakeRunEvents(3),
      {
        type: 'run-end',
        status: 'completed',
        summary: { testLoss: 0.4321, testAcc: 0.9, bestValAcc: 0.82, bestEpoch: 2, seconds: 65 },
      },
    ]);
    store.runDir = `/tmp/runs/${FAKE_RUN_ID}`;
    store.renderCost = store.clock.describe();
    store.phase = 'done';
    store.addStatic({ key: 'result', kind: 'result' });
    store.publish();
    const frame = plain(app.lastFrame());
    expect(frame).toMatch(/true \\ pred\s+T-sh\s+Trou\s+Pull/);
    expect(frame).toMatch(/Shirt\s+4\s+·\s+·\s+·\s+·\s+·\s+9/);
    expect(frame).toMatch(/Shirt → T-shirt\/top\s+4 \(30\.8% of Shirt\)/);
    expect(frame).toContain('Test accuracy 90.00% · test loss 0.4321 · best epoch 2');
    expect(frame).toContain(`Saved to /tmp/runs/${FAKE_RUN_ID}`);
    expect(frame).toContain('npx nx run web:serve');
    expect(frame).toContain('npx nx run report:build');
    expect(frame).toMatch(/TUI rendering: \d+\.\d\d% of wall time/);
    expect(frame).not.toContain('q or Ctrl-C');
    app.unmount();
  });

  it('prints the resume command when the run was interrupted', async () => {
    const { app, reporter, store } = mount();
    await feed(reporter, [...fakeRunEvents(1), { type: 'run-end', status: 'interrupted' }]);
    store.phase = 'done';
    store.addStatic({ key: 'result', kind: 'result' });
    store.publish();
    const frame = plain(app.lastFrame());
    expect(frame).toContain('Stopped after epoch 1 of 3; the checkpoint is saved.');
    expect(frame).toContain(`Resume with: npx nx run cli:train -- --resume ${FAKE_RUN_ID}`);
    expect(frame).not.toContain('true \\ pred');
    app.unmount();
  });

  it.each([
    { key: 'q', source: 'q' },
    { key: '\u0003', source: 'ctrl-c' },
  ])('calls onInterrupt with $source on $source', async ({ key, source }) => {
    const onInterrupt = vi.fn();
    const { app } = mount({ onInterrupt });
    // Ink attaches its input listener after the first render.
    await new Promise((resolve) => setImmediate(resolve));
    app.stdin.write(key);
    expect(onInterrupt).toHaveBeenCalledWith(source);
    app.unmount();
  });

  it('counts two Ctrl-C presses that arrive in one chunk as two', async () => {
    const onInterrupt = vi.fn();
    const { app } = mount({ onInterrupt });
    await new Promise((resolve) => setImmediate(resolve));
    app.stdin.write('\u0003\u0003');
    expect(onInterrupt.mock.calls).toEqual([['ctrl-c'], ['ctrl-c']]);
    app.unmount();
  });

  it('draws batches at most 10 times a second', async () => {
    vi.useFakeTimers();
    const { app, reporter, store } = mount();
    // Two epochs and two batches of the third, all within the same instant.
    await feed(reporter, fakeRunEvents(3).slice(0, -4));
    // Only the events that add printed-once rows (the start, two epochs) drew at once.
    const published = store.getVersion();
    expect(published).toBe(1 + 2);
    vi.advanceTimersByTime(50);
    expect(store.getVersion()).toBe(published);
    vi.advanceTimersByTime(100);
    expect(store.getVersion()).toBe(published + 1);
    app.unmount();
  });
});

/** The frame's lines as the user reads them. */
function frameLines(frame: string | undefined): string[] {
  return plain(frame).split('\n');
}

/**
 * What a terminal `rows` high shows of a frame: its last lines, above the line the cursor rests
 * on (older lines have scrolled away).
 */
function onScreen(frame: string | undefined, rows: number): string {
  return frameLines(frame)
    .slice(-(rows - 1))
    .join('\n');
}

describe('TrainApp on a terminal of a given size', () => {
  it.each([
    { columns: 80, rows: 24, batchChart: false },
    { columns: 120, rows: 40, batchChart: true },
  ])(
    'fits $columns x $rows while training, with the run id and model in sight',
    async ({ columns, rows, batchChart }) => {
      const { app, reporter, store } = await mountOn({ columns, rows });
      // Two epochs done, the third under way.
      await feed(reporter, fakeRunEvents(3).slice(0, -4));
      store.publish();
      const lines = frameLines(app.lastFrame());
      // Everything printed since the header, the live area and the cursor's line fit.
      expect(lines.length + 1).toBeLessThanOrEqual(rows);
      // Code points are columns here: box drawing, braille and the marks are one cell wide.
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
      const frame = lines.join('\n');
      expect(frame).toContain(`fashion-lab ${FAKE_RUN_ID}`);
      expect(frame).toContain('model dense (101,770 params)');
      expect(frame).toMatch(/2\/3 .*★ best so far/);
      expect(frame).toContain('loss  ━ train  ━ val');
      expect(frame).toMatch(/epoch 3\/3 .*batch 2\/4/);
      expect(frame).toContain('q or Ctrl-C');
      // The smoothed batch-loss chart is the first thing to go on a short terminal.
      expect(frame.includes('batch loss (smoothed)')).toBe(batchChart);
      app.unmount();
    },
  );

  it('keeps the run id and model on screen when a long run has pushed the header out', async () => {
    const { app, reporter, store } = await mountOn({ columns: 80, rows: 24 });
    await reporter.onRunStart(fakeRunStart({ config: { ...FAKE_CONFIG, epochs: 30 } }));
    for (let epoch = 1; epoch <= 20; epoch++) {
      await reporter.onEpochStart({ type: 'epoch-start', epoch, epochs: 30 });
      await reporter.onEpochEnd(fakeEpoch(epoch));
    }
    store.publish();
    const screen = onScreen(app.lastFrame(), 24);
    expect(screen).not.toContain('╭');
    expect(screen).toContain(`fashion-lab ${FAKE_RUN_ID} · model dense · adam`);
    expect(screen).toMatch(/20\/30\s+0\.0500/);
    expect(screen).toMatch(/run\s+.*66%/);
    expect(screen).toContain('q or Ctrl-C');
    app.unmount();
  });

  it('redraws for the new size as soon as the terminal is resized', async () => {
    const { app, reporter, store } = mount();
    await feed(reporter, fakeRunEvents(2));
    store.publish();
    const published = store.getVersion();
    await resizeTerminal(app.stdout, { columns: 80, rows: 24 });
    expect(frameLines(app.lastFrame()).length + 1).toBeLessThanOrEqual(24);
    expect(plain(app.lastFrame())).not.toContain('batch loss (smoothed)');
    await resizeTerminal(app.stdout, { columns: 120, rows: 40 });
    expect(plain(app.lastFrame())).toContain('batch loss (smoothed)');
    expect(plain(app.lastFrame())).toContain(`fashion-lab ${FAKE_RUN_ID}`);
    // Drawn for the resize alone: no training event published a frame in between.
    expect(store.getVersion()).toBe(published);
    app.unmount();
  });
});
