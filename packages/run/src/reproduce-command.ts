import type { TrainConfig } from './config.js';
import { configToArgs } from './config-flags.js';

/** The command every run.json stores: the CLI invocation that trains this exact config again. */
export function reproduceCommand(config: TrainConfig): string {
  return ['npx nx run cli:train --', ...configToArgs(config)].join(' ');
}
