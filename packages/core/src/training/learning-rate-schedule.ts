import type { TrainConfig } from '@fashion-lab/run';

/**
 * The learning rate epoch `epoch` (1-based) trains at, given the run's current base rate (the
 * configured one, or what reduce-on-plateau has made of it). A cosine schedule starts at the base
 * rate and ends the last epoch at a few percent of it: the late small steps settle the weights
 * that a constant Adam rate keeps shaking (epoch-to-epoch validation swings of half a point).
 */
export function scheduledLearningRate(
  config: Pick<TrainConfig, 'lrSchedule' | 'epochs'>,
  baseRate: number,
  epoch: number,
): number {
  if (config.lrSchedule !== 'cosine') return baseRate;
  return (baseRate * (1 + Math.cos((Math.PI * (epoch - 1)) / config.epochs))) / 2;
}
