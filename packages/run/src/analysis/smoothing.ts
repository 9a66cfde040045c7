/**
 * Exponential moving average with TensorBoard's debiasing, for noisy batch-loss curves:
 * `weight` 0 returns the values, closer to 1 smooths more. NaN values are carried over.
 */
export function emaSmooth(values: readonly number[], weight = 0.6): number[] {
  if (!(weight >= 0 && weight < 1))
    throw new RangeError(`emaSmooth: weight must be in [0, 1), got ${weight}`);
  const smoothed: number[] = [];
  let last = 0;
  let steps = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) {
      smoothed.push(value);
      continue;
    }
    last = last * weight + (1 - weight) * value;
    steps++;
    // Early points would be pulled towards the initial 0; dividing by 1 - w^n removes that bias.
    smoothed.push(last / (1 - weight ** steps));
  }
  return smoothed;
}
