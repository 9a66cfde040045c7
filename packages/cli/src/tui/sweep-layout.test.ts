import { describe, expect, it } from 'vitest';
import { FIXED_ROWS, sweepLayout } from './sweep-layout.js';

describe('sweepLayout', () => {
  it('shows everything on a terminal of unknown height', () => {
    expect(sweepLayout(Infinity, { trials: 12, configs: 6, sentenceRows: 3 })).toEqual({
      trialRows: 12,
      configRows: 6,
      sentence: true,
    });
  });

  it.each([
    // rows, configs, sentence rows -> trial rows, config rows, sentence
    [24, 6, 3, 7, 6, true],
    [24, 6, 0, 10, 6, false],
    [40, 6, 2, 12, 6, true],
    // 8 free rows: the sentence goes, then configs are cut, so the table keeps 3 rows.
    [16, 6, 3, 3, 5, false],
    [14, 6, 3, 3, 3, false],
  ])(
    'on %i rows with %i configs and a %i-row sentence: %i trial rows, %i config rows, sentence %s',
    (rows, configs, sentenceRows, trialRows, configRows, sentence) => {
      const layout = sweepLayout(rows, { trials: 12, configs, sentenceRows });
      expect(layout).toEqual({ trialRows, configRows, sentence });
      const used =
        FIXED_ROWS + layout.trialRows + layout.configRows + (layout.sentence ? sentenceRows : 0);
      expect(used).toBeLessThanOrEqual(rows);
    },
  );
});
