import { NUM_CLASSES } from './class-names.js';

/** How many labels of each class 0..9 there are; a label outside 0..9 is a RangeError. */
export function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(NUM_CLASSES).fill(0);
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index]!;
    if (label >= NUM_CLASSES) {
      throw new RangeError(`classCounts: label ${label} at index ${index} is outside 0..9`);
    }
    counts[label]!++;
  }
  return counts;
}
