import type { Sample } from '../run-types.js';
import type { ConfusedPair } from '@fashion-lab/run';

/** How sure the model was of its answer. */
export function confidence(sample: Sample): number {
  return sample.probs[sample.predicted] ?? 0;
}

function mostConfidentFirst(a: Sample, b: Sample): number {
  return confidence(b) - confidence(a) || a.index - b.index;
}

/** Up to `perClass` correctly classified samples of each class, most confident first, in class order. */
export function correctExamples(
  samples: readonly Sample[],
  classCount: number,
  perClass = 3,
): Sample[] {
  const chosen: Sample[] = [];
  for (let label = 0; label < classCount; label++) {
    const correct = samples.filter(
      (sample) => sample.label === label && sample.predicted === label,
    );
    chosen.push(...correct.sort(mostConfidentFirst).slice(0, perClass));
  }
  return chosen;
}

/** Up to `perPair` misclassified samples for each confused pair, most confident mistakes first. */
export function misclassifiedExamples(
  samples: readonly Sample[],
  pairs: readonly ConfusedPair[],
  perPair = 3,
): Sample[] {
  return pairs.flatMap((pair) =>
    samples
      .filter((sample) => sample.label === pair.label && sample.predicted === pair.predicted)
      .sort(mostConfidentFirst)
      .slice(0, perPair),
  );
}
