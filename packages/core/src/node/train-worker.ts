/**
 * Entry point of one data-parallel training worker (run from the compiled package): loads its own
 * tfjs backend (never tfjs-node) and a replica of the model, then answers the pool's requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { predictProbabilities } from '../evaluation/predict-probabilities.js';
import { GradientReplica, trainableCount } from '../training/parallel/gradient-replica.js';
import { selectBackend } from './backend.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-messages.js';
import { trainsInOneThread } from './worker-count.js';

const IMAGE_VALUES = 28 * 28;

async function start(port: NonNullable<typeof parentPort>, setup: WorkerSetup): Promise<void> {
  const reply = (message: WorkerReply): void => port.postMessage(message);
  const failed = (error: unknown): void =>
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  let replica: GradientReplica;
  let slot: Float32Array;
  try {
    // workerData crosses a thread boundary unchecked: refuse here rather than load the addon.
    if (trainsInOneThread(setup.backend)) {
      throw new Error(
        "a training worker never loads the node backend (tfjs-node's addon is not safe in worker threads)",
      );
    }
    await selectBackend(setup.backend);
    const model = await tf.loadLayersModel(tf.io.fromMemory(setup.artifacts));
    const count = trainableCount(model);
    slot = new Float32Array(setup.gradients, setup.replica * count * 4, count);
    replica = await GradientReplica.create({
      model,
      config: setup.config,
      learningRate: setup.learningRate,
      ...(setup.optimizerState ? { optimizerState: setup.optimizerState } : {}),
      gradients: slot,
    });
  } catch (error) {
    failed(error);
    return;
  }
  const average = new Float32Array(setup.average);
  const images = new Float32Array(setup.images);
  let pendingAverage = false;

  const handle = async (request: WorkerRequest): Promise<WorkerReply | undefined> => {
    // The main thread writes the average only after every replica replied to the step, and sends
    // nothing else before: so here it is complete, and every replica applies the same one.
    if (pendingAverage) {
      replica.applyAverage(average);
      pendingAverage = false;
    }
    switch (request.type) {
      case 'step': {
        pendingAverage = true;
        const size = request.labels.length;
        if (size === 0) {
          slot.fill(0);
          return { type: 'stepped', loss: 0, acc: 0 };
        }
        const shard = images.slice(
          request.offset * IMAGE_VALUES,
          (request.offset + size) * IMAGE_VALUES,
        );
        const result = await replica.computeGradients(shard, request.labels, request.dropoutSeeds);
        return { type: 'stepped', ...result };
      }
      case 'apply':
        return undefined;
      case 'learning-rate':
        replica.setLearningRate(request.learningRate);
        return { type: 'done' };
      case 'weights':
        return { type: 'weights', trainable: replica.trainableValues() };
      case 'predict': {
        replica.setNonTrainableValues(request.nonTrainable);
        const labels = new Uint8Array(request.count);
        const probabilities = await predictProbabilities(
          replica.model,
          { images: request.images, labels, count: request.count },
          { tta: request.tta },
        );
        return { type: 'predicted', probabilities };
      }
    }
  };

  // One request at a time, in arrival order, even across the awaits inside a step.
  let queue = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    queue = queue.then(() =>
      handle(request).then((message) => (message ? reply(message) : undefined), failed),
    );
  });
  reply({ type: 'ready' });
}

if (parentPort) void start(parentPort, workerData as WorkerSetup);
