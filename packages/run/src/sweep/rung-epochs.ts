/**
 * The epoch counts at which successive halving compares configs: minEpochs * factor^k for every k
 * that stays below `finalEpochs`, then `finalEpochs` itself (the last rung, where trials complete).
 * rungEpochs(12, 1, 3) is [1, 3, 9, 12].
 */
export function rungEpochs(finalEpochs: number, minEpochs: number, factor: number): number[] {
  for (const [name, value, least] of [
    ['finalEpochs', finalEpochs, 1],
    ['minEpochs', minEpochs, 1],
    ['factor', factor, 2],
  ] as const) {
    if (!Number.isInteger(value) || value < least) {
      throw new RangeError(`rungEpochs: ${name} must be an integer >= ${least}, got ${value}`);
    }
  }
  const rungs: number[] = [];
  for (let epochs = minEpochs; epochs < finalEpochs; epochs *= factor) rungs.push(epochs);
  return [...rungs, finalEpochs];
}
