import type { Checkpoint, Reporter, RunResult, TrainingEvent } from '@fashion-lab/run';

/**
 * Calls each reporter's hook for an event in turn, awaiting each, so a persister has written a line
 * before the next reporter sees it.
 */
export class ReporterChain {
  constructor(private readonly reporters: readonly Reporter[]) {}

  /** Delivers `event` to every reporter; a reporter that throws fails the run. */
  async emit(event: TrainingEvent, payload?: Checkpoint | RunResult): Promise<void> {
    for (const reporter of this.reporters) await deliver(reporter, event, payload);
  }

  /** Delivers `event` while a run is already failing: one broken reporter must not hide the others. */
  async emitQuietly(event: TrainingEvent): Promise<void> {
    for (const reporter of this.reporters) {
      try {
        await deliver(reporter, event, event.type === 'run-end' ? {} : undefined);
      } catch {
        // The run's own error is already being reported; a second one would only mask it.
      }
    }
  }
}

async function deliver(
  reporter: Reporter,
  event: TrainingEvent,
  payload: Checkpoint | RunResult | undefined,
): Promise<void> {
  switch (event.type) {
    case 'run-start':
      return reporter.onRunStart?.(event);
    case 'epoch-start':
      return reporter.onEpochStart?.(event);
    case 'batch':
      return reporter.onBatchEnd?.(event);
    case 'epoch':
      return reporter.onEpochEnd?.(event);
    case 'checkpoint':
      return reporter.onCheckpoint?.(event, payload as Checkpoint);
    case 'run-end':
      return reporter.onRunEnd?.(event, (payload ?? {}) as RunResult);
    case 'error':
      return reporter.onError?.(event);
  }
}
