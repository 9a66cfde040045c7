import { formatPercent } from '../format.js';
import type { ReportRun } from '../report-data.js';
import { describeRun } from './describe-run.js';
import { bestValAcc, compareRuns, testAcc } from './rank-runs.js';

function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * The study's question ("which model is best?") answered in one sentence from the runs' results:
 * the best evaluated run, and how far ahead it is of the best run of any other model.
 */
export function answerSentence(runs: readonly ReportRun[]): string {
  const ranked = [...runs].sort(compareRuns);
  const evaluated = ranked.filter((run) => testAcc(run) !== undefined);
  const best = evaluated[0];
  if (best === undefined) {
    const leader = ranked.find((run) => bestValAcc(run) !== undefined);
    if (leader === undefined) return 'No run has finished an epoch yet, so there is no answer yet.';
    return (
      `No run has been evaluated on the test set yet; the best validation accuracy so far is ` +
      `${formatPercent(bestValAcc(leader))}, by ${describeRun(leader)}.`
    );
  }
  const bestAcc = testAcc(best)!;
  const rival =
    evaluated.find((run) => run.run.config.model !== best.run.config.model) ?? evaluated[1];
  if (rival === undefined) {
    return `${capitalize(describeRun(best))} reached ${formatPercent(bestAcc)} test accuracy; it is the only evaluated run.`;
  }
  const points = ((bestAcc - testAcc(rival)!) * 100).toFixed(1);
  const rivalKind =
    rival.run.config.model === best.run.config.model ? 'the next run' : 'the best other model';
  if (points === '0.0') {
    // "0.0 points ahead" would claim a lead the numbers shown cannot support.
    return (
      `${capitalize(describeRun(best))} and ${describeRun(rival)} are level at the top with ` +
      `${formatPercent(bestAcc)} test accuracy (to 0.1 points).`
    );
  }
  return (
    `${capitalize(describeRun(best))} is best at ${formatPercent(bestAcc)} test accuracy, ` +
    `${points} points ahead of ${rivalKind}, ${describeRun(rival)} (${formatPercent(testAcc(rival))}).`
  );
}
