import { render } from 'ink';
import type { ReactElement } from 'react';
import { StudyApp } from './study-app.js';
import { TrainApp } from './train-app.js';
import type { InterruptSource } from './use-screen.js';
import { TuiReporter } from './tui-reporter.js';
import { MAX_FPS, TuiStore, type StaticItem } from './tui-store.js';

/** The streams a screen draws on and where its stop keys go. */
export interface ScreenOptions {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
  onInterrupt: (source: InterruptSource) => void;
}

/** A mounted TUI: feed `reporter` to core, call `finish` when training returns. */
export interface Screen {
  store: TuiStore;
  reporter: TuiReporter;
  /** Shows that training stops after the current batch (after `q`, Ctrl-C or SIGINT). */
  stopping(): void;
  /** Prints the final block (and the render cost), then hands the terminal back. */
  finish(update: (store: TuiStore) => StaticItem): Promise<void>;
  /** Hands the terminal back without a result (training threw before it could end). */
  close(): Promise<void>;
}

/**
 * Mounts an Ink screen on `store`. Ink owns the terminal and, when stdin is a TTY, the keys (raw
 * mode: Ctrl-C arrives as a key and goes to `onInterrupt`, not to Ink's own exit).
 */
function mount(
  store: TuiStore,
  app: (props: {
    onInterrupt: (source: InterruptSource) => void;
    interactive: boolean;
  }) => ReactElement,
  options: ScreenOptions,
  printRows: boolean,
): Screen {
  const interactive = options.stdin.isTTY === true;
  const element = (): ReactElement => app({ onInterrupt: options.onInterrupt, interactive });
  const instance = render(element(), {
    stdout: options.stdout,
    stdin: options.stdin,
    stderr: options.stderr,
    exitOnCtrlC: false,
    maxFps: MAX_FPS,
    onRender: ({ renderTime }) => store.clock.addInkRender(renderTime),
  });
  // Ink re-renders synchronously on rerender (legacy root), so the store's clock measures it.
  const unsubscribe = store.subscribe(() => instance.rerender(element()));
  const close = async (): Promise<void> => {
    store.dispose();
    unsubscribe();
    instance.unmount();
    await instance.waitUntilExit();
  };
  return {
    store,
    reporter: new TuiReporter(store, printRows),
    stopping() {
      store.phase = 'stopping';
      store.invalidate(true);
    },
    async finish(update) {
      const item = update(store);
      store.renderCost = store.clock.describe();
      store.phase = 'done';
      store.addStatic(item);
      store.publish();
      await close();
    },
    close,
  };
}

/** The TUI of one training run. */
export function mountTrainingScreen(
  options: ScreenOptions & { classNames: readonly string[] },
): Screen {
  const store = new TuiStore();
  return mount(
    store,
    (props) => <TrainApp store={store} classNames={options.classNames} {...props} />,
    options,
    true,
  );
}

/** The TUI of a study: the overview of its runs and the current run's progress. */
export function mountStudyScreen(options: ScreenOptions): Screen {
  const store = new TuiStore();
  return mount(store, (props) => <StudyApp store={store} {...props} />, options, false);
}
