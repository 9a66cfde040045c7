import { describe, expect, it } from 'vitest';
import { intervalBar, intervalScale } from './interval-bar.js';

/** The x of the interval's line ends, its caps and its mean dot in a bar's SVG. */
function marks(svg: string) {
  const ci = /<line class="ci" x1="([\d.-]+)" x2="([\d.-]+)"/.exec(svg);
  return {
    ci: ci === null ? undefined : [Number(ci[1]), Number(ci[2])],
    caps: [...svg.matchAll(/<line class="cap" x1="([\d.-]+)"/g)].map((match) => Number(match[1])),
    mean: Number(/<circle class="mean" cx="([\d.-]+)"/.exec(svg)?.[1]),
  };
}

describe('intervalBar', () => {
  it('puts the caps at the interval bounds and the dot at the mean, on 8..192 px', () => {
    // Domain 0.81..0.89 (whole percents around 0.812..0.888): x = 8 + (v − 0.81) / 0.08 × 184.
    const stats = { n: 3, mean: 0.85, std: 0.01, ci95: [0.812, 0.888] as [number, number] };
    const scale = intervalScale([stats]);
    expect(scale.domain()).toEqual([0.81, 0.89]);
    expect(marks(intervalBar(scale, stats, 'x'))).toEqual({
      ci: [12.6, 187.4],
      caps: [12.6, 187.4],
      mean: 100,
    });
  });

  it('cuts an interval that reaches past 0% or 100% there, without a cap at the cut end', () => {
    // Two seeds 8.7 points apart: t(0.975, 1) = 12.7 makes the interval −12.6% .. 144.2%.
    const stats = { n: 2, mean: 0.6579, std: 0.0873, ci95: [-0.1261, 1.4419] as [number, number] };
    const scale = intervalScale([stats]);
    expect(scale.domain()).toEqual([0, 1]);
    expect(marks(intervalBar(scale, stats, 'x'))).toEqual({ ci: [8, 192], caps: [], mean: 129.1 });
  });

  it('draws only the mean with one seed and nothing without a completed trial', () => {
    const scale = intervalScale([{ n: 1, mean: 0.9 }]);
    expect(scale.domain()).toEqual([0.89, 0.91]);
    expect(marks(intervalBar(scale, { n: 1, mean: 0.9 }, 'x'))).toEqual({
      ci: undefined,
      caps: [],
      mean: 100,
    });
    expect(intervalBar(scale, { n: 0 }, 'x')).toBe('–');
  });
});
