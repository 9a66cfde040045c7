import { describe, expect, it } from 'vitest';
import { escapeText } from './escape.js';
import { formatDate, formatDuration, formatPercent, formatRate } from './format.js';

describe('formatting', () => {
  it.each([
    [0.92345, '92.3%'],
    [1, '100.0%'],
    [undefined, '–'],
    [Number.NaN, '–'],
  ])('formatPercent(%s) is %j', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });

  it.each([
    [42.4, '42s'],
    [185, '3m 05s'],
    [3720, '1h 02m'],
    [undefined, '–'],
  ])('formatDuration(%s) is %j', (value, expected) => {
    expect(formatDuration(value)).toBe(expected);
  });

  it.each([
    [0.001, '0.001'],
    [0.0005, '0.0005'],
    [0.1 + 0.2, '0.3'],
  ])('formatRate(%s) is %j', (value, expected) => {
    expect(formatRate(value)).toBe(expected);
  });

  it('formats dates in UTC whatever the local zone, and keeps unparsable ones', () => {
    expect(formatDate('2026-11-25T21:01:30.000Z')).toBe('2026-11-25 21:01 UTC');
    expect(formatDate('2026-11-25T23:30:00+02:00')).toBe('2026-11-25 21:30 UTC');
    expect(formatDate('yesterday')).toBe('yesterday');
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeText(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    expect(escapeText(3)).toBe('3');
  });
});
