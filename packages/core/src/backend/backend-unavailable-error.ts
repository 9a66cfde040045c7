import type { BackendName } from '@fashion-lab/run';

/** Thrown by `selectBackend` when the backend asked for cannot be loaded here. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';

  constructor(
    readonly backend: BackendName,
    readonly reason: string,
  ) {
    super(`the '${backend}' backend is not available: ${reason}`);
  }
}
