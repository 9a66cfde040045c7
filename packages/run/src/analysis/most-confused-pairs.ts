/** One off-diagonal cell of a confusion matrix. */
export interface ConfusedPair {
  label: number;
  predicted: number;
  count: number;
}

/**
 * The `top` most frequent mistakes (true label, predicted class), largest first; ties keep matrix
 * order. Cells with no mistakes are left out.
 */
export function mostConfusedPairs(confusion: number[][], top = 5): ConfusedPair[] {
  const pairs: ConfusedPair[] = [];
  confusion.forEach((row, label) =>
    row.forEach((count, predicted) => {
      if (label !== predicted && count > 0) pairs.push({ label, predicted, count });
    }),
  );
  return pairs.sort((a, b) => b.count - a.count).slice(0, top);
}
