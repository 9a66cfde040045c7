import type * as tf from '@tensorflow/tfjs';
import {
  batches,
  createRng,
  shuffledIndices,
  splitTrainValidation,
  type Dataset,
  type ImageSet,
} from '@fashion-lab/data';
import type {
  Checkpoint,
  Evaluation,
  TrainingState,
  TrainConfig,
  TtaName,
  Reporter,
  RunEndEvent,
  RunResult,
  RunSummary,
} from '@fashion-lab/run';
import { evaluateModel } from '../evaluation/evaluate-model.js';
import { predictProbabilities, type Predict } from '../evaluation/predict-probabilities.js';
import { summarizeLayers, countParams } from '../models/summary.js';
import { AUGMENT_PRESETS } from './augment-presets.js';
import { applyEpochCallbacks, initialTrainingState } from './epoch-callbacks.js';
import { scheduledLearningRate } from './learning-rate-schedule.js';
import { measure } from './measure.js';
import { copyModelWeights, loadModelWeights } from './model-weights.js';
import { ReporterChain } from './reporter-chain.js';
import { serializeModel } from './serialize-model.js';
import { createInProcessTrainStep, type TrainStep, type TrainStepFactory } from './train-step.js';

/** Yield to the event loop at least this often, so a UI stays live while tfjs computes. */
const YIELD_EVERY_MS = 125;

export interface TrainOptions {
  /** An uncompiled model (fresh, or restored from `resumeFrom`'s weights). */
  model: tf.LayersModel;
  dataset: Dataset;
  config: TrainConfig;
  runId: string;
  experiment?: string;
  reporters: Reporter[];
  /** Aborting stops training at the next batch boundary; the last checkpoint stays resumable. */
  signal?: AbortSignal;
  /** The backend actually in use, as reported to the user. */
  backend: string;
  /** Continue from this checkpoint: its weights must already be in `model`. */
  resumeFrom?: Checkpoint;
  /**
   * How each batch's optimizer step is computed (e.g. over worker threads, for `config.workers`);
   * default: in this thread with the model's `trainOnBatch`.
   */
  createTrainStep?: TrainStepFactory;
  /**
   * Pause after this epoch (successive halving's rung): the run ends 'interrupted' with its
   * checkpoint, and resuming it continues exactly as if it had never stopped (same schedule).
   */
  stopAfterEpoch?: number;
  /**
   * Explains the final model before the run ends (explain.json, embedding.json; see
   * `explainRun`), so a run that says completed has them. Absent: the run has none.
   */
  explain?: (model: tf.LayersModel, test: ImageSet, evaluation: Evaluation) => Promise<Explained>;
}

type Explained = Pick<RunResult, 'explain' | 'embedding'>;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Trains `model` on `dataset` as `config` says and tells `reporters` everything, in this order:
 * run-start, per epoch (epoch-start, batch*, epoch, checkpoint), run-end. Resolves with the final
 * status; never throws for a training failure (reporters get `onError` and a failed run-end).
 */
export async function train(options: TrainOptions): Promise<RunEndEvent['status']> {
  const { model, dataset, config, signal } = options;
  const reporters = new ReporterChain(options.reporters);
  const split = splitTrainValidation(dataset.train, {
    validationSplit: config.validationSplit,
    seed: config.seed,
    ...(config.limit !== undefined ? { limit: config.limit } : {}),
  });
  const rng = createRng(config.seed);
  const state: TrainingState = options.resumeFrom
    ? { ...options.resumeFrom.state }
    : initialTrainingState(config.learningRate, rng.getState());
  rng.setState(state.rngState);
  const batchesPerEpoch = Math.ceil(split.train.count / config.batchSize);
  const restoresBest = config.earlyStopping?.restoreBestWeights === true;
  // The best epoch's weights, kept in every checkpoint so a resume restores them too (an earlier
  // version's checkpoint has none: then only a best epoch after the resume can be restored).
  let bestWeights = restoresBest ? options.resumeFrom?.bestWeights : undefined;
  let trainStep: TrainStep | undefined;
  try {
    trainStep = await (options.createTrainStep ?? createInProcessTrainStep)({
      model,
      config,
      learningRate: state.learningRate,
      ...(options.resumeFrom ? { optimizerState: options.resumeFrom.optimizer } : {}),
    });
    const stepper = trainStep;
    // Validation and the final evaluation run on every replica when the step has several.
    const predicting =
      (tta: TtaName, inThisThread = false): Predict =>
      (set) =>
        stepper.predict && !inThisThread
          ? stepper.predict(set, tta)
          : predictProbabilities(model, set, { tta });
    const tta = config.tta ?? 'off';
    const predict = predicting(tta);
    await reporters.emit({
      type: 'run-start',
      runId: options.runId,
      ...(options.experiment !== undefined ? { experiment: options.experiment } : {}),
      config,
      backend: options.backend,
      params: countParams(model),
      layers: summarizeLayers(model),
      trainCount: split.train.count,
      validationCount: split.validation.count,
      testCount: dataset.test.count,
      startEpoch: state.epoch + 1,
      batchesPerEpoch,
    });
    const checkpoint = async (): Promise<void> => {
      state.rngState = rng.getState();
      await reporters.emit(
        { type: 'checkpoint', epoch: state.epoch },
        {
          model: await serializeModel(model),
          optimizer: await stepper.optimizerState(),
          state: { ...state },
          ...(bestWeights ? { bestWeights } : {}),
        },
      );
    };
    // Epoch 0 is the initial weights: a run stopped in its first epoch is still resumable.
    if (!options.resumeFrom) await checkpoint();

    let stoppedEarly = false;
    for (let epoch = state.epoch + 1; epoch <= config.epochs && !stoppedEarly; epoch++) {
      if (signal?.aborted) return await interrupted(reporters);
      const learningRate = scheduledLearningRate(config, state.learningRate, epoch);
      await stepper.setLearningRate(learningRate);
      await reporters.emit({ type: 'epoch-start', epoch, epochs: config.epochs });
      const epochStarted = performance.now();
      let lastYield = epochStarted;
      let seen = 0;
      let lossSum = 0;
      let correctSum = 0;
      let batchIndex = 0;
      const order = shuffledIndices(split.train.count, rng);
      for (const batch of batches(split.train, {
        batchSize: config.batchSize,
        order,
        augment: AUGMENT_PRESETS[config.augment],
        rng,
      })) {
        if (signal?.aborted) return await interrupted(reporters);
        const { loss, acc } = await stepper.step(batch, rng);
        batchIndex++;
        seen += batch.size;
        lossSum += loss * batch.size;
        correctSum += acc * batch.size;
        const now = performance.now();
        // Running means over the epoch so far, as Keras's progress bar shows them.
        await reporters.emit({
          type: 'batch',
          epoch,
          batch: batchIndex,
          batches: batchesPerEpoch,
          loss: lossSum / seen,
          acc: correctSum / seen,
          samplesPerSec: seen / ((now - epochStarted) / 1000),
        });
        if (now - lastYield >= YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      if (!Number.isFinite(lossSum))
        throw new Error(`training diverged in epoch ${epoch} (loss is ${lossSum / seen})`);
      const validation = await measure(model, split.validation, predict);
      const seconds = (performance.now() - epochStarted) / 1000;
      state.epoch = epoch;
      state.seconds += seconds;
      await reporters.emit({
        type: 'epoch',
        epoch,
        loss: lossSum / seen,
        acc: correctSum / seen,
        valLoss: validation.loss,
        valAcc: validation.acc,
        lr: learningRate,
        seconds,
      });
      stoppedEarly = applyEpochCallbacks(state, config, validation, epoch);
      // This thread's model is replica 0, whose weights every replica shares after each step.
      if (restoresBest && state.bestEpoch === epoch) bestWeights = await copyModelWeights(model);
      await checkpoint();
      const pauses = options.stopAfterEpoch !== undefined && epoch >= options.stopAfterEpoch;
      if (pauses && epoch < config.epochs && !stoppedEarly) return await interrupted(reporters);
    }
    const restoreBest = stoppedEarly && bestWeights !== undefined;
    if (restoreBest && bestWeights) loadModelWeights(model, bestWeights);
    // The other replicas still hold the last weights, so a restored model predicts alone.
    const evaluation = await evaluateModel(model, dataset.test, predicting(tta, restoreBest));
    // What the test-time flips add: the same model predicting each image alone.
    const withoutTta =
      tta === 'off'
        ? undefined
        : await measure(model, dataset.test, predicting('off', restoreBest));
    const summary: RunSummary = {
      testLoss: evaluation.testLoss,
      testAcc: evaluation.testAcc,
      ...(withoutTta ? { testAccWithoutTta: withoutTta.acc } : {}),
      bestValAcc: state.bestValAcc,
      bestEpoch: state.bestEpoch,
      seconds: state.seconds,
    };
    const explained = await options.explain?.(model, dataset.test, evaluation);
    const result: RunResult = { model: await serializeModel(model), evaluation, ...explained };
    await reporters.emit({ type: 'run-end', status: 'completed', summary }, result);
    return 'completed';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await reporters.emitQuietly({ type: 'error', message });
    await reporters.emitQuietly({ type: 'run-end', status: 'failed', error: message });
    return 'failed';
  } finally {
    await trainStep?.dispose();
  }
}

async function interrupted(reporters: ReporterChain): Promise<'interrupted'> {
  await reporters.emit({ type: 'run-end', status: 'interrupted' });
  return 'interrupted';
}
