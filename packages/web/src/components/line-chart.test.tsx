import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LineChart, type ChartSeries } from './line-chart';

function render(series: ChartSeries[], yDomain?: [number, number]): string {
  return renderToStaticMarkup(
    <LineChart title="Loss" xLabel="epoch" series={series} {...(yDomain ? { yDomain } : {})} />,
  );
}

const epochs = (values: (number | null)[]) => values.map((y, i) => ({ x: i + 1, y }));

/** The `d` of each series' path, by series label. */
function paths(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/<path data-series="([^"]+)" d="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
}

/** The tick labels of one axis, in document order. */
function tickLabels(html: string, axis: 'x' | 'y'): string[] {
  const group = html.match(new RegExp(`<g class="${axis}-ticks">(.*?)</g>`))?.[1] ?? '';
  return [...group.matchAll(/class="tick"[^>]*>([^<]*)</g)].map((m) => m[1]!);
}

describe('LineChart', () => {
  it('draws one path per series through every point, and a legend entry each', () => {
    const html = render([
      { label: 'train', color: '#111', points: epochs([1, 0.5, 0.25]) },
      { label: 'val', color: '#222', points: epochs([2, 1, 0.5]) },
    ]);
    const d = paths(html);
    expect(Object.keys(d)).toEqual(['train', 'val']);
    // Three points, one move and two line segments each.
    expect(d['train']!.match(/[ML]/g)).toEqual(['M', 'L', 'L']);
    // The y axis nices to [0, 2]: the highest value (val at epoch 1) sits at the top left corner
    // of the plot (48, 10), the last epoch at the right edge (448).
    expect(d['val']).toMatch(/^M48,10L/);
    expect(d['train']).toMatch(/L448,[\d.]+$/);
    expect(html).toContain('<figcaption>Loss</figcaption>');
    expect(html.match(/<li>/g)).toHaveLength(2);
  });

  it('leaves a gap where a value is NaN or null: two path segments, no "NaN" in the markup', () => {
    const html = render([
      { label: 'train', color: '#111', points: epochs([2.3, 1.1, Number.NaN, 0.6, 0.5]) },
      { label: 'val', color: '#222', points: epochs([2.2, 1.2, null, 0.7, 0.6]) },
    ]);
    const d = paths(html);
    expect(d['train']!.match(/M/g)).toHaveLength(2);
    expect(d['val']!.match(/M/g)).toHaveLength(2);
    expect(html).not.toMatch(/NaN|null|undefined|Infinity/);
  });

  it('shows a lone value between gaps as a dot, since a path cannot show one point', () => {
    const html = render([
      { label: 'train', color: '#111', points: epochs([1, Number.NaN, 0.5, Number.NaN, 0.2, 0.1]) },
    ]);
    expect(paths(html)['train']!.match(/M/g)).toHaveLength(1);
    expect(html.match(/<circle/g)).toHaveLength(2);
  });

  it('draws a single point as a dot, centred, with its epoch as the one x tick', () => {
    const html = render([{ label: 'a', color: '#111', points: [{ x: 1, y: 0.7 }] }]);
    expect(html).not.toContain('<path');
    expect(html).toMatch(/<circle cx="248" cy="[\d.]+" r="3"/);
    expect(tickLabels(html, 'x')).toEqual(['1']);
    expect(html).not.toContain('NaN');
  });

  it.each([
    ['all NaN', epochs([Number.NaN, Number.NaN, Number.NaN])],
    ['all null', epochs([null, null])],
    ['Infinity', epochs([Number.POSITIVE_INFINITY, Number.NaN])],
  ])('says there is nothing to plot when every value is %s, without NaN', (_, points) => {
    const html = render([{ label: 'train', color: '#111', points }]);
    expect(html).not.toContain('<path');
    expect(html).not.toContain('<circle');
    expect(html).toContain('no finite values');
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  it('plots the series that has values when the other diverged at once', () => {
    const html = render([
      { label: 'train', color: '#111', points: epochs([Number.NaN, Number.NaN]) },
      { label: 'val', color: '#222', points: epochs([0.5, 0.4]) },
    ]);
    expect(Object.keys(paths(html))).toEqual(['val']);
    expect(html).toContain('train (no finite values)');
    expect(html).not.toContain('NaN');
  });

  it.each([
    ['a loss curve', [2.3, 0.41], ['0.0', '0.5', '1.0', '1.5', '2.0', '2.5']],
    ['an accuracy curve', [0.31, 0.52], ['0.30', '0.35', '0.40', '0.45', '0.50', '0.55']],
    ['a flat curve', [0.7, 0.7], ['0.0', '0.2', '0.4', '0.6', '0.8', '1.0', '1.2']],
    ['a loss that blew up', [12, 870], ['0', '200', '400', '600', '800', '1,000']],
  ])('puts round y ticks over the whole data of %s', (_, values, expected) => {
    const html = render([{ label: 'a', color: '#111', points: epochs(values) }]);
    const ticks = tickLabels(html, 'y');
    expect(ticks).toEqual(expected);
    const numbers = ticks.map((tick) => Number(tick.replace(',', '')));
    expect(numbers[0]).toBeLessThanOrEqual(Math.min(...values));
    expect(numbers.at(-1)).toBeGreaterThanOrEqual(Math.max(...values));
  });

  it('keeps a fixed y domain as given, clamping a value outside it to the edge', () => {
    const html = render([{ label: 'acc', color: '#111', points: epochs([0.5, 1.5]) }], [0, 1]);
    expect(tickLabels(html, 'y')).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(paths(html)['acc']).toMatch(/L448,10$/);
  });

  it('labels the x axis with whole epochs only', () => {
    const html = render([{ label: 'a', color: '#111', points: epochs([3, 2, 1]) }]);
    expect(tickLabels(html, 'x')).toEqual(['1', '2', '3']);
  });
});
