import { describe, expect, it } from 'vitest';
import { lineChart, type LineSeries } from './line-chart.js';

function count(svg: string, pattern: RegExp): number {
  return svg.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

const series = (label: string, values: number[]): LineSeries => ({
  label,
  color: `var(--opt-${label})`,
  points: values.map((y, index) => ({ x: index + 1, y })),
});

const base = {
  title: 'Validation accuracy',
  description: 'per epoch',
  xLabel: 'Epoch',
  yLabel: 'Accuracy',
};

describe('lineChart', () => {
  it.each([1, 2, 4])(
    'draws one series path and one direct label per series (%i series)',
    (seriesCount) => {
      const svg = lineChart({
        ...base,
        series: Array.from({ length: seriesCount }, (_, index) =>
          series(`s${index}`, [0.5, 0.6 + index / 100, 0.7]),
        ),
      });
      expect(count(svg, /<path class="series/)).toBe(seriesCount);
      expect(count(svg, /class="direct-label"/)).toBe(seriesCount);
      expect(svg).toContain('<g class="axis x-axis">');
      expect(svg).toContain('<g class="axis y-axis">');
      expect(svg).toMatch(
        /^<svg class="chart line-chart"[^>]* role="img"><title>Validation accuracy<\/title><desc>per epoch<\/desc>/,
      );
      expect(svg.endsWith('</svg>')).toBe(true);
    },
  );

  it('writes axis titles and only whole-number epoch ticks', () => {
    const svg = lineChart({ ...base, series: [series('adam', [0.8, 0.85, 0.87])] });
    expect(svg).toContain('>Epoch</text>');
    expect(svg).toContain('>Accuracy</text>');
    const xAxis = svg.slice(svg.indexOf('x-axis'), svg.indexOf('</g>', svg.indexOf('x-axis')));
    const ticks = [
      ...xAxis.matchAll(/<text x="[^"]+" y="[^"]+" text-anchor="middle">([^<]+)<\/text>/g),
    ].map((match) => match[1]);
    expect(ticks).toEqual(['1', '2', '3']);
  });

  it('formats y ticks with the given d3 format and honours a fixed domain', () => {
    const svg = lineChart({
      ...base,
      yFormat: '.0%',
      yDomain: [0.5, 1],
      series: [series('adam', [0.8, 0.9])],
    });
    expect(svg).toContain('>50%</text>');
    expect(svg).toContain('>100%</text>');
  });

  it('leaves out series without points and says so when nothing is left', () => {
    const svg = lineChart({ ...base, series: [series('adam', [0.8, 0.9]), series('sgd', [])] });
    expect(count(svg, /<path class="series/)).toBe(1);
    const empty = lineChart({ ...base, series: [series('sgd', [])] });
    expect(empty).toContain('no data yet');
    expect(count(empty, /<path/)).toBe(0);
  });

  it('leaves gaps for points that are not numbers (a diverged run)', () => {
    const svg = lineChart({
      ...base,
      series: [series('sgd', [0.5, Number.NaN, 0.7]), series('nan', [Number.NaN])],
    });
    expect(count(svg, /<path class="series/)).toBe(1);
    expect(svg).not.toContain('NaN');
    const d = svg.match(/<path class="series" [^>]*d="([^"]+)"/)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
  });

  it('shades the gap between the first two series when asked', () => {
    const svg = lineChart({
      ...base,
      shadeGap: true,
      series: [series('train', [0.6, 0.8, 0.9]), series('val', [0.6, 0.7, 0.75])],
    });
    expect(count(svg, /<path class="gap"/)).toBe(1);
    expect(
      count(lineChart({ ...base, series: [series('train', [0.6, 0.8])] }), /class="gap"/),
    ).toBe(0);
  });

  it('marks dashed series and draws vertical markers', () => {
    const svg = lineChart({
      ...base,
      series: [{ ...series('val', [0.3, 0.2, 0.25]), dashed: true }],
      markers: [{ x: 2, label: 'best epoch 2' }],
    });
    expect(svg).toContain('<path class="series dashed"');
    expect(svg).toContain('<g class="marker">');
    expect(svg).toContain('>best epoch 2</text>');
  });

  it('escapes labels and titles that come from data', () => {
    const svg = lineChart({ ...base, title: 'a <b> & "c"', series: [series('x<y>', [1, 2])] });
    expect(svg).toContain('<title>a &lt;b&gt; &amp; &quot;c&quot;</title>');
    expect(svg).toContain('>x&lt;y&gt;</text>');
    expect(svg).not.toContain('<b>');
  });
});
