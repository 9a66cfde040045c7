/** One class and how likely the model finds it. */
export interface RankedClass {
  klass: number;
  probability: number;
}

/**
 * The `count` most likely classes, most likely first (a tie goes to the lower class index, as
 * argmax does): Try it explains the top class and the runner-up.
 */
export function topClasses(probabilities: readonly number[], count = 2): RankedClass[] {
  return probabilities
    .map((probability, klass) => ({ klass, probability }))
    .sort((a, b) => b.probability - a.probability || a.klass - b.klass)
    .slice(0, count);
}

/** The caption of a heatmap on Try it: "where it saw a Shirt (81%)", "an Ankle boot" alike. */
export function whereItSaw(className: string, probability: number): string {
  const article = /^[aeiou]/i.test(className) ? 'an' : 'a';
  return `where it saw ${article} ${className} (${Math.round(probability * 100)}%)`;
}
