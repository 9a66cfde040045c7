import { describe, expect, it } from 'vitest';
import { formatDate, formatDuration, formatNumber, formatPercent } from './format';

describe('formatPercent', () => {
  it.each([
    [0.9123, '91.2%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
  ])('%s -> %s', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });
});

describe('formatNumber', () => {
  it('keeps four decimals and shows unknown values as a dash', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(null)).toBe('—');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [42.4, '42s'],
    [185, '3m 05s'],
    [3725, '1h 02m'],
    [-1, '—'],
    [null, '—'],
  ])('%s s -> %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('formatDate', () => {
  it('shows UTC minutes whatever the local time zone', () => {
    expect(formatDate('2026-11-25T21:01:59.000Z')).toBe('2026-11-25 21:01 UTC');
  });

  it('passes through what is not a date', () => {
    expect(formatDate('yesterday')).toBe('yesterday');
  });
});
