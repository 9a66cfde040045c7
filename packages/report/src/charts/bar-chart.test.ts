import { describe, expect, it } from 'vitest';
import { barChart } from './bar-chart.js';
import { dotChart } from './dot-chart.js';

function count(svg: string, pattern: RegExp): number {
  return svg.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

const items = [
  { label: 'Shirt', value: 0.62, color: 'red' },
  { label: 'Bag', value: 0.97, color: 'blue', highlight: true },
];

describe('barChart', () => {
  const svg = barChart({
    title: 'F1',
    description: 'per class',
    bars: items,
    xLabel: 'F1 score',
    xDomain: [0, 1],
    valueFormat: '.2f',
  });

  it('draws one bar per item, labeled with its name and value, on an x axis', () => {
    expect(count(svg, /<rect class="bar"/)).toBe(2);
    expect(svg).toContain('>Shirt</text>');
    expect(svg).toContain('>0.97</text>');
    expect(svg).toContain('<g class="axis x-axis">');
    expect(svg).toContain('>F1 score</text>');
  });

  it('makes bar length proportional to the value', () => {
    const widths = [...svg.matchAll(/<rect class="bar" [^>]*width="([\d.]+)"/g)].map((match) =>
      Number(match[1]),
    );
    expect(widths[0]! / widths[1]!).toBeCloseTo(0.62 / 0.97, 2);
  });

  it('highlights the marked bar', () => {
    expect(count(svg, /class="bar-group highlight"/)).toBe(1);
  });
});

describe('dotChart', () => {
  const svg = dotChart({
    title: 'Test accuracy',
    description: 'per run',
    dots: items,
    xLabel: 'Accuracy',
    valueFormat: '.1%',
  });

  it('draws one dot per item with its value and an x axis', () => {
    expect(count(svg, /<circle class="dot"/)).toBe(2);
    expect(svg).toContain('>62.0%</text>');
    expect(svg).toContain('<g class="axis x-axis">');
  });

  it('places higher values further right', () => {
    const xs = [...svg.matchAll(/<circle class="dot" cx="([\d.]+)"/g)].map((match) =>
      Number(match[1]),
    );
    expect(xs[1]!).toBeGreaterThan(xs[0]!);
  });

  it('highlights the marked dot', () => {
    expect(count(svg, /class="dot-group highlight"/)).toBe(1);
  });
});
