import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Sparkline } from './sparkline';

function render(values: readonly (number | null)[]): string {
  return renderToStaticMarkup(<Sparkline values={values} width={10} height={12} label="acc" />);
}

describe('Sparkline', () => {
  it('plots accuracy on a fixed 0..1 scale, one pixel inside the box', () => {
    expect(render([0, 1])).toContain('d="M1,11L9,1"');
  });

  it('leaves a gap where a value is NaN or null, with no "NaN" in the markup', () => {
    const html = render([0, 0.5, Number.NaN, 0.5, null, 0.25, 1]);
    const d = html.match(/ d="([^"]+)"/)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    // The lone 0.5 between the two gaps is a dot.
    expect(html.match(/<circle/g)).toHaveLength(1);
    expect(html).not.toMatch(/NaN|null/);
  });

  it('shows a single value as a dot in the middle', () => {
    const html = render([0.5]);
    expect(html).toContain('<circle cx="5" cy="6" r="2"');
    expect(html).not.toContain('<path');
  });

  it.each([
    ['no values', []],
    ['only NaN', [Number.NaN, Number.NaN]],
    ['only null', [null]],
  ])('shows a dash for %s', (_, values) => {
    const html = render(values);
    expect(html).toContain('—');
    expect(html).not.toContain('NaN');
  });
});
