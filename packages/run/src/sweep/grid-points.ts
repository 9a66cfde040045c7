import type { TrainConfig } from '../config.js';
import { listedValues, spaceEntries, type SweepSpace } from './sweep-space.js';

/**
 * Every point of a grid space, the cartesian product in the order the spec lists fields and
 * values: the first field changes slowest, like nested loops. A space of no fields has one point.
 */
export function gridPoints(space: SweepSpace): Partial<TrainConfig>[] {
  let points: Partial<TrainConfig>[] = [{}];
  for (const [key, dimension] of spaceEntries(space)) {
    const values = listedValues(dimension);
    if (values === undefined) {
      throw new RangeError(`gridPoints: space.${key} is a range, which only a random search draws`);
    }
    points = points.flatMap((point) => values.map((value) => ({ ...point, [key]: value })));
  }
  return points;
}
