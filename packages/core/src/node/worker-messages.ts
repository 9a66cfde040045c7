import type * as tf from '@tensorflow/tfjs';
import type { OptimizerState, BackendName, TrainConfig, TtaName } from '@fashion-lab/run';

/** What a training worker starts from (its `workerData`). */
export interface WorkerSetup {
  replica: number;
  /** Never 'node': tfjs-node's addon is not safe in worker threads (see trainsInOneThread). */
  backend: Exclude<BackendName, 'node'>;
  artifacts: tf.io.ModelArtifacts;
  config: TrainConfig;
  learningRate: number;
  optimizerState?: OptimizerState;
  /** Float32, replicas x trainable values: slot r holds replica r's gradients. */
  gradients: SharedArrayBuffer;
  /** Float32, trainable values: the averaged gradients every replica applies. */
  average: SharedArrayBuffer;
  /** Float32, batchSize x 784: the current batch's pixels. */
  images: SharedArrayBuffer;
}

/**
 * Main thread -> worker. Any message first applies the previous step's average, if pending;
 * `apply` does only that (and gets no reply), so replicas update while the next batch is made.
 */
export type WorkerRequest =
  | { type: 'step'; offset: number; labels: Uint8Array; dropoutSeeds: number[] }
  | { type: 'apply' }
  | { type: 'learning-rate'; learningRate: number }
  | { type: 'weights' }
  /**
   * Class probabilities of `count` images (raw pixels), after taking replica 0's non-trainable
   * weights (BatchNorm's moving statistics), so every replica predicts as the saved model would.
   */
  | {
      type: 'predict';
      images: Uint8Array;
      count: number;
      nonTrainable: Float32Array[];
      tta: TtaName;
    };

/** Worker -> main thread: one reply per request, plus `ready` once after setup. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'stepped'; loss: number; acc: number }
  | { type: 'done' }
  | { type: 'weights'; trainable: Float32Array }
  | { type: 'predicted'; probabilities: Float32Array }
  | { type: 'error'; message: string };
