import * as tf from '@tensorflow/tfjs';

/**
 * Turns off tfjs's one-time "Hi, looks like you are running TensorFlow.js in Node.js" hint, which
 * the cpu backend prints on its first tensor write. We show the backend in use ourselves, and the
 * hint would fail our quiet-console tests. The hint is guarded by the backend's `firstUse` field
 * alone, so this marks it as already shown; tfjs's other flags that silence it (`PROD`, `IS_TEST`)
 * would also hide every other tfjs warning, which we want to keep. Safe to call repeatedly.
 */
export function silenceTfjsNodeHint(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu !== null && 'firstUse' in cpu) cpu.firstUse = false;
}
