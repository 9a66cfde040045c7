import { accuracyInterval, sweepSentence, type SweepResults } from '@fashion-lab/run';
import { escapeText } from '../escape.js';

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

/**
 * The sweep's answer: the run package's sentence (best config, mean ± std, the lead over the
 * runner-up and Welch's p), then the best config's 95% confidence interval when it has one.
 */
export function sweepAnswer(results: SweepResults): string {
  const ci = results.best === undefined ? undefined : accuracyInterval(results.best.testAcc);
  const interval =
    ci === undefined
      ? ''
      : ` The 95% confidence interval of its mean test accuracy is ${percent(ci.low)} to ${percent(ci.high)}.`;
  return `<p class="answer">${escapeText(sweepSentence(results) + interval)}</p>`;
}
