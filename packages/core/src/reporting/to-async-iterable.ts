import type { Reporter, TrainingEvent } from '@fashion-lab/run';

/**
 * Pull-style access to a run's events: `register` receives a reporter to hand to `train` (or to
 * push onto a reporter list), and the iterable yields every event in order. It ends after the
 * run-end event, or when the promise `register` returns settles (throwing its error); breaking out
 * early stops collecting. Events are buffered, so a slow consumer never blocks training.
 */
export function toAsyncIterable(
  register: (reporter: Reporter) => void | Promise<void>,
): AsyncIterable<TrainingEvent> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<TrainingEvent> {
      const queue: TrainingEvent[] = [];
      let finished = false;
      let failure: { error: unknown } | undefined;
      let closed = false;
      let wake: (() => void) | undefined;
      const notify = (): void => {
        wake?.();
        wake = undefined;
      };
      const push = (event: TrainingEvent): void => {
        if (closed || finished) return;
        queue.push(event);
        if (event.type === 'run-end') finished = true;
        notify();
      };
      const reporter: Reporter = {
        onRunStart: push,
        onEpochStart: push,
        onBatchEnd: push,
        onEpochEnd: push,
        onCheckpoint: (event) => push(event),
        onRunEnd: (event) => push(event),
        onError: push,
      };
      let registered: void | Promise<void>;
      try {
        registered = register(reporter);
      } catch (error) {
        registered = Promise.reject(error);
      }
      if (registered instanceof Promise) {
        registered.then(
          () => {
            finished = true;
            notify();
          },
          (error: unknown) => {
            failure = { error };
            finished = true;
            notify();
          },
        );
      }
      return {
        async next(): Promise<IteratorResult<TrainingEvent>> {
          for (;;) {
            const event = queue.shift();
            if (event !== undefined) return { value: event, done: false };
            if (failure !== undefined) {
              const { error } = failure;
              failure = undefined;
              closed = true;
              throw error;
            }
            if (finished || closed) return { value: undefined, done: true };
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        async return(): Promise<IteratorResult<TrainingEvent>> {
          closed = true;
          queue.length = 0;
          return { value: undefined, done: true };
        },
      };
    },
  };
}
