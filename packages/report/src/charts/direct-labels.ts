/**
 * Spreads label positions apart so no two are closer than `gap`, keeping them inside
 * [min, max] and as near their wanted positions as that allows. Returns positions in input order.
 */
export function spreadLabels(wanted: number[], gap: number, min: number, max: number): number[] {
  const order = wanted
    .map((y, index) => ({ y, index }))
    .sort((a, b) => a.y - b.y || a.index - b.index);
  const placed = order.map((item) => Math.min(Math.max(item.y, min), max));
  for (let i = 1; i < placed.length; i++) {
    placed[i] = Math.max(placed[i]!, placed[i - 1]! + gap);
  }
  // Pushed past the bottom: slide the stack back up from the bottom edge.
  const last = placed.length - 1;
  if (last >= 0 && placed[last]! > max) {
    placed[last] = max;
    for (let i = last - 1; i >= 0; i--) placed[i] = Math.min(placed[i]!, placed[i + 1]! - gap);
  }
  const result = new Array<number>(wanted.length);
  order.forEach((item, rank) => {
    result[item.index] = placed[rank]!;
  });
  return result;
}
