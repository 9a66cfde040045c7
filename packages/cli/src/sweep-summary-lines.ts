import { configLine, sweepSentence, type SweepResults } from '@fashion-lab/run';

/** What a sweep command prints at the end: one `mean ± std (n = k)` line per config, the answer. */
export function sweepSummaryLines(results: SweepResults): string[] {
  return [...results.configs.map(configLine), '', sweepSentence(results)];
}
