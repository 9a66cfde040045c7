import { describe, expect, it } from 'vitest';
import { confusionHeatmap } from './heatmap.js';

function count(svg: string, pattern: RegExp): number {
  return svg.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

describe('confusionHeatmap', () => {
  const classNames = ['Top', 'Trouser', 'Shirt'];
  const counts = [
    [90, 0, 10],
    [1, 99, 0],
    [30, 0, 70],
  ];
  const svg = confusionHeatmap({ title: 'Confusion', description: 'counts', classNames, counts });

  it('draws one cell per (true, predicted) pair with its count', () => {
    expect(count(svg, /<rect class="cell/)).toBe(9);
    for (const value of [90, 10, 1, 99, 30, 70]) expect(svg).toContain(`>${value}</text>`);
    expect(count(svg, /class="count zero"/)).toBe(3);
  });

  it('labels rows and columns with class names and titles both axes', () => {
    expect(count(svg, /class="row-label"/)).toBe(3);
    expect(count(svg, /class="column-label"/)).toBe(3);
    expect(svg).toContain('>True class</text>');
    expect(svg).toContain('>Predicted class</text>');
  });

  it('names each cell for hover and screen readers', () => {
    expect(svg).toContain('<title>Shirt predicted as Top: 30 (30.0% of Shirt)</title>');
  });

  it('colors the diagonal and the mistakes from different scales', () => {
    const fill = (value: number) =>
      svg.match(new RegExp(`fill="([^"]+)"/><text class="count" [^>]*>${value}<`))?.[1];
    expect(fill(90)).not.toBe(fill(10));
    expect(fill(90)).toMatch(/^rgb\(/);
  });

  it('escapes class names', () => {
    const escaped = confusionHeatmap({
      title: 't',
      description: 'd',
      classNames: ['<a>', 'b'],
      counts: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(escaped).toContain('&lt;a&gt;');
    expect(escaped).not.toContain('<a>');
  });
});
