import type { Reporter } from '@fashion-lab/run';

/**
 * One reporter that calls each of `reporters`' hooks in turn, awaiting each (the order of the
 * list), for APIs that take a single reporter.
 */
export function combineReporters(...reporters: Reporter[]): Reporter {
  const each =
    <K extends keyof Reporter>(hook: K) =>
    async (...args: Parameters<NonNullable<Reporter[K]>>): Promise<void> => {
      for (const reporter of reporters) {
        const fn = reporter[hook] as ((...a: typeof args) => void | Promise<void>) | undefined;
        await fn?.apply(reporter, args);
      }
    };
  return {
    onRunStart: each('onRunStart'),
    onEpochStart: each('onEpochStart'),
    onBatchEnd: each('onBatchEnd'),
    onEpochEnd: each('onEpochEnd'),
    onCheckpoint: each('onCheckpoint'),
    onRunEnd: each('onRunEnd'),
    onError: each('onError'),
  };
}
