/**
 * The confusion matrix with each row divided by its total, so cell [t][p] is the share of class t
 * predicted as p (rows of an absent class stay 0). Colour scales use it: classes differ in count.
 */
export function normalizedConfusion(confusion: readonly (readonly number[])[]): number[][] {
  return confusion.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count) => (total === 0 ? 0 : count / total));
  });
}
