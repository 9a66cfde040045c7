import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImageSet } from '@fashion-lab/data';
import type { BackendName } from '@fashion-lab/run';
import { dropoutLayerCount } from '@fashion-lab/tfjs-wasm-training';
import {
  averageGradients,
  drawDropoutSeeds,
  GradientReplica,
  shardSizes,
  shardStarts,
  trainableCount,
} from '../training/parallel/gradient-replica.js';
import { predictProbabilities } from '../evaluation/predict-probabilities.js';
import { serializeModel } from '../training/serialize-model.js';
import {
  createInProcessTrainStep,
  type StepResult,
  type TrainStep,
  type TrainStepFactory,
} from '../training/train-step.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-messages.js';
import { trainsInOneThread } from './worker-count.js';

const IMAGE_VALUES = 28 * 28;
const FLOAT_BYTES = 4;

/** A training worker could not start or failed mid-step. */
export class TrainingWorkerError extends Error {
  override readonly name = 'TrainingWorkerError';
}

/**
 * The compiled worker entry. Workers cannot load TypeScript, so when this module runs from the
 * sources (tests), the worker still comes from the package's compiled `dist/`.
 */
function workerEntry(): URL {
  const here = import.meta.url;
  const entry = here.endsWith('.ts')
    ? new URL('../../dist/node/train-worker.js', here)
    : new URL('./train-worker.js', here);
  if (!existsSync(fileURLToPath(entry))) {
    throw new TrainingWorkerError(
      `${fileURLToPath(entry)} does not exist: compile @fashion-lab/core (nx run core:compile) to train with workers`,
    );
  }
  return entry;
}

/** One worker thread and its single outstanding request. */
class WorkerHandle {
  private pending:
    | { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }
    | undefined;
  private failure: Error | undefined;
  private readonly ready: Promise<void>;

  constructor(
    readonly worker: Worker,
    readonly replica: number,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.pending = {
        resolve: (reply) =>
          reply.type === 'ready'
            ? resolve()
            : reject(new TrainingWorkerError(`worker ${replica}: unexpected ${reply.type}`)),
        reject,
      };
    });
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending;
      this.pending = undefined;
      if (reply.type === 'error') {
        this.fail(new TrainingWorkerError(`training worker ${replica}: ${reply.message}`), pending);
      } else {
        pending?.resolve(reply);
      }
    });
    worker.on('error', (error) =>
      this.fail(new TrainingWorkerError(`training worker ${replica}: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      this.fail(new TrainingWorkerError(`training worker ${replica} exited (code ${code})`)),
    );
  }

  private fail(error: Error, pending = this.pending): void {
    this.failure ??= error;
    this.pending = undefined;
    pending?.reject(error);
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Sends a message that gets no reply (`apply`); a failure shows at the next request. */
  notify(message: WorkerRequest): void {
    if (!this.failure) this.worker.postMessage(message);
  }

  request(message: WorkerRequest): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) {
      return Promise.reject(new TrainingWorkerError(`worker ${this.replica} is busy`));
    }
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message);
    });
  }

  async terminate(): Promise<void> {
    this.failure ??= new TrainingWorkerError(`training worker ${this.replica} was stopped`);
    await this.worker.terminate();
  }
}

/** A TrainStep over worker threads that can also report every replica's weights (tests). */
export interface WorkerPoolTrainStep extends TrainStep {
  /** Each replica's trainable weights as one flat vector, replica 0 (this thread's) first. */
  replicaWeights(): Promise<Float32Array[]>;
}

async function expectReply<T extends WorkerReply['type']>(
  reply: Promise<WorkerReply>,
  type: T,
): Promise<Extract<WorkerReply, { type: T }>> {
  const message = await reply;
  if (message.type !== type) {
    throw new TrainingWorkerError(`training worker replied ${message.type}, expected ${type}`);
  }
  return message as Extract<WorkerReply, { type: T }>;
}

/**
 * Synchronous data-parallel training on `config.workers` replicas: this thread is replica 0 (so
 * the model it trains is always current), worker threads are the rest, each with its own `backend`.
 * Every step splits the batch into contiguous shards, each replica computes its shard's gradients
 * into shared memory, this thread averages them (weighted by shard size) and every replica applies
 * that same average with its own, identical optimizer: the replicas' trainable weights stay
 * bit-identical. BatchNorm's moving statistics are each replica's own; the saved model has
 * replica 0's. With `workers` 1 this is the in-process step; on the node backend, which trains in
 * one thread (see trainsInOneThread), more workers are refused before any thread starts.
 */
export function workerPoolTrainStep(backend: BackendName): TrainStepFactory {
  return async (options) => {
    const replicas = options.config.workers;
    if (replicas <= 1) return createInProcessTrainStep(options);
    if (trainsInOneThread(backend)) {
      throw new TrainingWorkerError(
        `${replicas} workers cannot train on the node backend: every worker thread would load tfjs-node's native addon again, which is not safe`,
      );
    }
    const entry = workerEntry();
    const { model, config } = options;
    const count = trainableCount(model);
    const gradientsBuffer = new SharedArrayBuffer(replicas * count * FLOAT_BYTES);
    const averageBuffer = new SharedArrayBuffer(count * FLOAT_BYTES);
    const imagesBuffer = new SharedArrayBuffer(config.batchSize * IMAGE_VALUES * FLOAT_BYTES);
    const slots = Array.from(
      { length: replicas },
      (_, replica) => new Float32Array(gradientsBuffer, replica * count * FLOAT_BYTES, count),
    );
    const average = new Float32Array(averageBuffer);
    const images = new Float32Array(imagesBuffer);
    const artifacts = await serializeModel(model);
    const dropouts = dropoutLayerCount(model);
    const handles: WorkerHandle[] = [];
    let local: GradientReplica | undefined;
    try {
      for (let replica = 1; replica < replicas; replica++) {
        const setup: WorkerSetup = {
          replica,
          backend,
          artifacts,
          config,
          learningRate: options.learningRate,
          ...(options.optimizerState ? { optimizerState: options.optimizerState } : {}),
          gradients: gradientsBuffer,
          average: averageBuffer,
          images: imagesBuffer,
        };
        handles.push(new WorkerHandle(new Worker(entry, { workerData: setup }), replica));
      }
      local = await GradientReplica.create({
        model,
        config,
        learningRate: options.learningRate,
        ...(options.optimizerState ? { optimizerState: options.optimizerState } : {}),
        gradients: slots[0]!,
      });
      await Promise.all(handles.map((handle) => handle.whenReady()));
    } catch (error) {
      local?.dispose();
      await Promise.all(handles.map((handle) => handle.terminate()));
      throw error;
    }
    const replica0 = local;

    return {
      replicas,
      async step(batch, rng): Promise<StepResult> {
        if (batch.size > config.batchSize) {
          throw new RangeError(
            `worker pool: a batch of ${batch.size} exceeds the configured ${config.batchSize}`,
          );
        }
        const sizes = shardSizes(batch.size, replicas);
        const seeds = drawDropoutSeeds(rng, replicas, dropouts);
        images.set(batch.images);
        const offsets = shardStarts(sizes);
        const remote = handles.map((handle) => {
          const offset = offsets[handle.replica]!;
          return expectReply(
            handle.request({
              type: 'step',
              offset,
              labels: batch.labels.slice(offset, offset + sizes[handle.replica]!),
              dropoutSeeds: seeds[handle.replica]!,
            }),
            'stepped',
          );
        });
        // Shard 0 is never empty (shards are as even as possible and batches are never empty).
        const own = replica0.computeGradients(
          batch.images.subarray(0, sizes[0]! * IMAGE_VALUES),
          batch.labels.subarray(0, sizes[0]!),
          seeds[0]!,
        );
        const results = await Promise.all([own, ...remote]);
        const weights = sizes.map((size) => size / batch.size);
        averageGradients(slots, weights, average);
        for (const handle of handles) handle.notify({ type: 'apply' });
        replica0.applyAverage(average);
        return results.reduce(
          (sum, result, replica) => ({
            loss: sum.loss + weights[replica]! * result.loss,
            acc: sum.acc + weights[replica]! * result.acc,
          }),
          { loss: 0, acc: 0 },
        );
      },
      async setLearningRate(learningRate) {
        replica0.setLearningRate(learningRate);
        await Promise.all(
          handles.map((handle) =>
            expectReply(handle.request({ type: 'learning-rate', learningRate }), 'done'),
          ),
        );
      },
      async predict(set, tta) {
        const sizes = shardSizes(set.count, replicas);
        const starts = shardStarts(sizes);
        const shard = (replica: number): ImageSet => {
          const start = starts[replica]!;
          const count = sizes[replica]!;
          return {
            images: set.images.subarray(start * IMAGE_VALUES, (start + count) * IMAGE_VALUES),
            labels: set.labels.subarray(start, start + count),
            count,
          };
        };
        const nonTrainable = replica0.nonTrainableValues();
        const remote = handles.map((handle) => {
          const { images, count } = shard(handle.replica);
          // A copy: posting a view would clone the whole buffer behind it (all of the set).
          return expectReply(
            handle.request({ type: 'predict', images: images.slice(), count, nonTrainable, tta }),
            'predicted',
          );
        });
        const own = await predictProbabilities(model, shard(0), { tta });
        const probabilities = new Float32Array(set.count * 10);
        probabilities.set(own, 0);
        for (const [index, reply] of (await Promise.all(remote)).entries()) {
          probabilities.set(reply.probabilities, starts[index + 1]! * 10);
        }
        return probabilities;
      },
      optimizerState: () => replica0.optimizerState(),
      async replicaWeights() {
        const remote = await Promise.all(
          handles.map((handle) => expectReply(handle.request({ type: 'weights' }), 'weights')),
        );
        return [replica0.trainableValues(), ...remote.map((reply) => reply.trainable)];
      },
      async dispose() {
        replica0.dispose();
        await Promise.all(handles.map((handle) => handle.terminate()));
      },
    };
  };
}
