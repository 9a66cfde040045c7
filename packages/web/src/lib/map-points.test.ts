import { describe, expect, it } from 'vitest';
import { decodePoints, encodePoints } from '@fashion-lab/run';
import { fitView, nearestPoint, passesFilter, toScreen, type MapPoints } from './map-points';

// Four points at the corners of a 2 x 1 rectangle, stored as embedding.json stores them.
const xy = decodePoints(encodePoints(Float32Array.of(-1, 0, 1, 0, -1, 1, 1, 1)));

describe('fitView', () => {
  it('fits the points inside the margin, keeping the aspect ratio and centring', () => {
    const view = fitView(xy, 220, 220, 10);
    expect(view.scale).toBe(100); // the 2-wide side fills 200 px
    expect(toScreen(xy, 0, view)).toEqual([10, 60]);
    expect(toScreen(xy, 3, view)).toEqual([210, 160]);
  });

  it('does not divide by zero for a single point', () => {
    const view = fitView(Float32Array.of(3, 3), 100, 100);
    expect(toScreen(Float32Array.of(3, 3), 0, view)).toEqual([50, 50]);
  });
});

describe('nearestPoint', () => {
  const view = fitView(xy, 220, 220, 10);

  it('finds the point nearest the pointer within the radius', () => {
    expect(nearestPoint(xy, view, 205, 158, 8)).toBe(3);
    expect(nearestPoint(xy, view, 14, 63, 8)).toBe(0);
  });

  it('finds nothing farther than the radius', () => {
    expect(nearestPoint(xy, view, 110, 110, 8)).toBeUndefined();
  });

  it('skips points the filter hides', () => {
    expect(nearestPoint(xy, view, 205, 158, 8, (i) => i !== 3)).toBeUndefined();
  });
});

describe('passesFilter', () => {
  const points: MapPoints = {
    xy,
    labels: Uint8Array.of(0, 0, 1, 1),
    predicted: Uint8Array.of(0, 1, 1, 0),
  };
  const kept = (filter: Parameters<typeof passesFilter>[2]) =>
    [0, 1, 2, 3].filter((i) => passesFilter(points, i, filter));

  it.each([
    ['all', { kind: 'all' } as const, [0, 1, 2, 3]],
    ['one true class', { kind: 'class', label: 1 } as const, [2, 3]],
    ['one confusion cell', { kind: 'cell', label: 0, predicted: 1 } as const, [1]],
    ['a diagonal cell', { kind: 'cell', label: 1, predicted: 1 } as const, [2]],
  ])('keeps %s', (_, filter, indices) => {
    expect(kept(filter)).toEqual(indices);
  });
});
