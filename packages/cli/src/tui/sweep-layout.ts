/** How many lines each part of the sweep screen gets. */
export interface SweepLayout {
  /** Table lines under its heading (trials, or trials and "+N more"). */
  trialRows: number;
  /** Lines of the per-config block. */
  configRows: number;
  /** Whether the answer sentence is shown. */
  sentence: boolean;
}

/** Header (2), blank, table heading, blank, config heading, key hint, and the cursor's line. */
export const FIXED_ROWS = 8;

/** The table keeps at least this many lines (running trials come first in it). */
const MIN_TRIAL_ROWS = 3;

/**
 * Fits the screen in `rows` terminal rows (Infinity: a terminal of unknown height, show all):
 * the per-config block and the sentence first, the trials table takes what is left; when even
 * the table's minimum does not fit, the sentence goes, then configs are cut.
 */
export function sweepLayout(
  rows: number,
  wants: { trials: number; configs: number; sentenceRows: number },
): SweepLayout {
  if (!Number.isFinite(rows)) {
    return { trialRows: wants.trials, configRows: wants.configs, sentence: wants.sentenceRows > 0 };
  }
  const free = Math.max(0, rows - FIXED_ROWS);
  const minTrials = Math.min(MIN_TRIAL_ROWS, wants.trials);
  const sentence = wants.sentenceRows > 0 && wants.configs + wants.sentenceRows + minTrials <= free;
  const configs = Math.min(
    wants.configs,
    Math.max(1, free - minTrials - (sentence ? wants.sentenceRows : 0)),
  );
  const trialRows = Math.min(
    wants.trials,
    Math.max(1, free - configs - (sentence ? wants.sentenceRows : 0)),
  );
  return { trialRows, configRows: configs, sentence };
}
