import { join } from 'node:path';
import { render } from 'ink';
import type { Reporter, SweepJson, SweepTrial } from '@fashion-lab/run';
import { readRun } from '@fashion-lab/run/node';
import type { ScreenOptions } from './mount-screen.js';
import { readQueueEpochs } from './queue-trial-epochs.js';
import { SweepApp } from './sweep-app.js';
import { SweepStore } from './sweep-store.js';
import { SweepTrialReporter } from './sweep-trial-reporter.js';
import { MAX_FPS } from './tui-store.js';

/**
 * What a sweep command tells its view: sweep.json snapshots (after a trial starts or ends, or
 * from polling), optional live training events of the trials trained in this process, and the
 * end. The sweep screen is one; a waiting mode that only polls calls `show` and nothing else.
 */
export interface SweepView {
  /** Shows a new snapshot; reads the run.json of newly completed trials (never rejects). */
  show(sweep: SweepJson): Promise<void>;
  /** Reporters that draw one trial's training progress (for `runSweepLocally`'s reportersFor). */
  reportersFor(trial: SweepTrial): Reporter[];
  /** Shows that the running trials stop after their current batch. */
  stopping(): void;
  /** Prints `lines` once (they stay on the terminal) and the render cost, then hands it back. */
  finish(lines: readonly string[]): Promise<void>;
  /** Hands the terminal back without final lines (the sweep threw). */
  close(): Promise<void>;
}

/**
 * Mounts the sweep screen on the terminal. `runsDir` is where the trials' run.json files are
 * read from for mean ± std. Keys as on the training screen: q / Ctrl-C go to `onInterrupt`.
 * With `queue` (the URL without its password) it follows a queued sweep: the header names the
 * queue, and the running trials' epochs are read from their metrics once a second.
 */
export function mountSweepScreen(
  options: ScreenOptions & { runsDir: string; store?: SweepStore; queue?: string },
): SweepView & { store: SweepStore } {
  const store = options.store ?? new SweepStore();
  store.queue = options.queue;
  const interactive = options.stdin.isTTY === true;
  const element = () => (
    <SweepApp store={store} onInterrupt={options.onInterrupt} interactive={interactive} />
  );
  const instance = render(element(), {
    stdout: options.stdout,
    stdin: options.stdin,
    stderr: options.stderr,
    exitOnCtrlC: false,
    maxFps: MAX_FPS,
    onRender: ({ renderTime }) => store.clock.addInkRender(renderTime),
  });
  const unsubscribe = store.subscribe(() => instance.rerender(element()));
  // The elapsed time moves even while nothing else does (a long epoch, a queue's quiet spell).
  let reading: Promise<void> | undefined;
  const tick = setInterval(() => {
    store.invalidate();
    // One read at a time: a slow shared disk skips ticks rather than piling reads up.
    if (options.queue !== undefined && reading === undefined) {
      reading = readQueueEpochs(store, options.runsDir).finally(() => {
        reading = undefined;
      });
    }
  }, 1000);
  tick.unref();
  const close = async (): Promise<void> => {
    clearInterval(tick);
    await reading;
    store.dispose();
    unsubscribe();
    instance.unmount();
    await instance.waitUntilExit();
  };
  return {
    store,
    show: (sweep) => showSnapshot(store, sweep, options.runsDir),
    reportersFor: (trial) => [new SweepTrialReporter(store, store.startTrial(trial.trial))],
    stopping() {
      store.phase = 'stopping';
      store.invalidate(true);
    },
    async finish(lines) {
      const renderCost = store.clock.describe();
      store.phase = 'done';
      store.publish();
      await close();
      // Written as plain text after Ink let go, so long lines (the resume command) wrap as the
      // terminal wraps them, not broken by Ink: the same text as without a terminal.
      options.stdout.write(`${[...lines, renderCost].join('\n')}\n`);
    },
    close,
  };
}

/**
 * Takes `sweep` into the store, then reads the run.json of completed trials not read yet; the
 * store draws both (paced, the first snapshot at once). A run that cannot be read counts as missing (as in the summary).
 */
export async function showSnapshot(
  store: SweepStore,
  sweep: SweepJson,
  runsDir: string,
): Promise<void> {
  // The first snapshot replaces "Reading the sweep…" at once; later ones are paced.
  const first = store.sweep === undefined;
  store.setSweep(sweep);
  store.invalidate(first);
  const unread = sweep.trials.filter(
    (trial) => trial.state === 'completed' && !store.runs.has(trial.runId),
  );
  if (unread.length === 0) return;
  const runs = await Promise.all(
    unread.map((trial) => readRun(join(runsDir, trial.runId)).catch(() => undefined)),
  );
  for (const run of runs) if (run !== undefined) store.runs.set(run.runId, run);
  store.invalidate();
}
