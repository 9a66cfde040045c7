import * as tf from '@tensorflow/tfjs';
import { registeredVariable } from '@fashion-lab/tfjs-wasm-training';

/** tfjs's { name, tensor } pair (not exported by the union package). */
type NamedTensor = { name: string; tensor: tf.Tensor };

interface Slot {
  originalName: string;
  variable: tf.Variable;
}

/** Keras's Nadam defaults (Keras 2, tf.keras): beta_1, beta_2, epsilon, schedule decay. */
export const NADAM_DEFAULTS = {
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  scheduleDecay: 0.004,
} as const;

/** Thrown when Nadam state handed to `setWeights` does not fit together. */
export class NadamStateError extends Error {
  override name = 'NadamStateError';
}

/**
 * Nesterov Adam with Keras's update rule and momentum schedule (tfjs has no Nadam). Per step t:
 * `u_t = beta1 * (1 - 0.5 * 0.96^(t * decay))`; the schedule product gains `u_t`, and
 * `var -= lr * (u_{t+1} m / (1 - prod * u_{t+1}) + (1 - u_t) g / (1 - prod))
 *   / (sqrt(v / (1 - beta2^t)) + eps)`.
 * Checkpoints like tfjs's own optimizers: `getWeights` = iterations, schedule product, m, v slots.
 */
export class NadamOptimizer extends tf.Optimizer {
  static className = 'Nadam';

  /** Product of u_1..u_t so far, in float64 (Keras keeps it in a variable too). */
  private momentumSchedule = 1;
  private firstMoments: Slot[] = [];
  private secondMoments: Slot[] = [];

  constructor(
    public learningRate: number,
    readonly beta1: number = NADAM_DEFAULTS.beta1,
    readonly beta2: number = NADAM_DEFAULTS.beta2,
    readonly epsilon: number = NADAM_DEFAULTS.epsilon,
    readonly scheduleDecay: number = NADAM_DEFAULTS.scheduleDecay,
  ) {
    super();
  }

  /** The momentum coefficient u_t of Keras's schedule for step t (1-based). */
  momentumAt(step: number): number {
    return this.beta1 * (1 - 0.5 * 0.96 ** (step * this.scheduleDecay));
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((entry) => entry.name)
      : Object.keys(variableGradients);
    const step = this.iterations + 1;
    const momentum = this.momentumAt(step);
    const nextMomentum = this.momentumAt(step + 1);
    const schedule = this.momentumSchedule * momentum;
    const nextSchedule = schedule * nextMomentum;
    // Scalars of the update, computed once per step in float64.
    const momentCoefficient = nextMomentum / (1 - nextSchedule);
    const gradientCoefficient = (1 - momentum) / (1 - schedule);
    const secondMomentCorrection = 1 - this.beta2 ** step;
    tf.tidy(() => {
      names.forEach((name, index) => {
        const value = registeredVariable(name);
        if (value === undefined) {
          throw new Error(`optimizers/nadam.ts: no registered variable named '${name}'`);
        }
        const m = (this.firstMoments[index] ??= this.createSlot(`${name}/m`, value)).variable;
        const v = (this.secondMoments[index] ??= this.createSlot(`${name}/v`, value)).variable;
        const gradient = Array.isArray(variableGradients)
          ? variableGradients[index]?.tensor
          : variableGradients[name];
        if (gradient === undefined || gradient === null) return;
        const newM = tf.add(tf.mul(m, this.beta1), tf.mul(gradient, 1 - this.beta1));
        const newV = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2));
        m.assign(newM);
        v.assign(newV);
        const direction = tf.add(
          tf.mul(newM, momentCoefficient),
          tf.mul(gradient, gradientCoefficient),
        );
        const denominator = tf.add(tf.sqrt(tf.div(newV, secondMomentCorrection)), this.epsilon);
        value.assign(tf.sub(value, tf.mul(tf.div(direction, denominator), this.learningRate)));
      });
    });
    this.momentumSchedule = schedule;
    this.incrementIterations();
  }

  private createSlot(originalName: string, like: tf.Variable): Slot {
    return { originalName, variable: tf.tidy(() => tf.zerosLike(like).variable(false)) };
  }

  override dispose(): void {
    tf.dispose([...this.firstMoments, ...this.secondMoments].map((slot) => slot.variable));
    this.firstMoments = [];
    this.secondMoments = [];
  }

  /** [iterations, momentum schedule product, m slots..., v slots...] (Keras's order). */
  override async getWeights(): Promise<NamedTensor[]> {
    return [
      await this.saveIterations(),
      { name: 'm_schedule', tensor: tf.scalar(this.momentumSchedule, 'float32') },
      ...[...this.firstMoments, ...this.secondMoments].map((slot) => ({
        name: slot.originalName,
        tensor: slot.variable,
      })),
    ];
  }

  /**
   * Restores `getWeights` output. The schedule product is recomputed in float64 from the iteration
   * count (the same multiplications training did), so a resumed run continues bit-exactly; the
   * stored float32 copy only checks that the state fits together.
   */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const [stored, ...slots] = rest;
    if (stored === undefined || stored.name !== 'm_schedule' || slots.length % 2 !== 0) {
      throw new NadamStateError(
        'optimizers/nadam.ts: Nadam weights must be [iter, m_schedule, m..., v...], got ' +
          weightValues.map((weight) => weight.name).join(', '),
      );
    }
    let schedule = 1;
    for (let step = 1; step <= this.iterations; step++) schedule *= this.momentumAt(step);
    const storedSchedule = (await stored.tensor.data())[0] ?? NaN;
    if (!(Math.abs(storedSchedule - schedule) <= 1e-6 * schedule)) {
      throw new NadamStateError(
        `optimizers/nadam.ts: m_schedule ${storedSchedule} does not match ${this.iterations} iterations (expected ${schedule})`,
      );
    }
    this.dispose();
    this.momentumSchedule = schedule;
    const half = slots.length / 2;
    const toSlot = (weight: NamedTensor): Slot => ({
      originalName: weight.name,
      variable: weight.tensor.variable(false),
    });
    this.firstMoments = slots.slice(0, half).map(toSlot);
    this.secondMoments = slots.slice(half).map(toSlot);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      scheduleDecay: this.scheduleDecay,
    };
  }

  /** Rebuilds an optimizer from `getConfig()` (tfjs serialization). */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const Nadam = cls as unknown as typeof NadamOptimizer;
    return new Nadam(
      Number(config['learningRate']),
      Number(config['beta1']),
      Number(config['beta2']),
      Number(config['epsilon']),
      Number(config['scheduleDecay']),
    ) as unknown as T;
  }
}

tf.serialization.registerClass(NadamOptimizer);
