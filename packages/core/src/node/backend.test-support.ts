import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';
import type { BackendChoice } from '@fashion-lab/run';
import { selectBackend } from './backend.js';

/** Runs the calling test file on `choice` and puts the previous tfjs backend back afterwards. */
export function useBackendForFile(choice: BackendChoice): void {
  let previousBackend: string | undefined;
  beforeAll(async () => {
    previousBackend = tf.getBackend() as string | undefined;
    await selectBackend(choice);
  });
  afterAll(async () => {
    if (previousBackend !== undefined) await tf.setBackend(previousBackend);
  });
}
