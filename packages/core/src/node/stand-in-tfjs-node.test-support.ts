import * as tf from '@tensorflow/tfjs';
import { silenceTfjsNodeHint } from '@fashion-lab/tfjs-wasm-training';
import { afterAll, beforeAll } from 'vitest';

/** The name `@tensorflow/tfjs-node` registers its backend under, and what selectBackend looks for. */
const TFJS_NODE_BACKEND = 'tensorflow';

/**
 * Makes this process look like a machine where tfjs-node loads: the cpu backend's class and kernels
 * registered under tfjs-node's backend name, so `selectBackend('node')` and `'auto'` select "node"
 * without libtensorflow. Resolves the function that removes the stand-in again.
 */
export function installStandInTfjsNode(): () => Promise<void> {
  const cpu = tf.findBackendFactory('cpu') as () => tf.KernelBackend;
  tf.registerBackend(TFJS_NODE_BACKEND, () => {
    const backend = cpu();
    // The cpu class's one-time "install tfjs-node" hint; tfjs-node itself prints none.
    silenceTfjsNodeHint(backend);
    return backend;
  });
  const kernelNames = tf.getKernelsForBackend('cpu').map((kernel) => {
    tf.registerKernel({ ...kernel, backendName: TFJS_NODE_BACKEND });
    return kernel.kernelName;
  });
  return async () => {
    if (tf.getBackend() === TFJS_NODE_BACKEND) await tf.setBackend('cpu');
    tf.removeBackend(TFJS_NODE_BACKEND);
    for (const name of kernelNames) tf.unregisterKernel(name, TFJS_NODE_BACKEND);
  };
}

/** Within the calling describe block or file, installStandInTfjsNode (removed afterwards). */
export function useStandInTfjsNode(): void {
  let remove: (() => Promise<void>) | undefined;
  beforeAll(() => {
    remove = installStandInTfjsNode();
  });
  afterAll(async () => {
    await remove?.();
  });
}
