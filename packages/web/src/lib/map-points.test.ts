import { describe, expect, it } from 'vitest';
import { decodePoints, encodePoints } from '@fashion-lab/run';
import {
  fitView,
  indicesByClass,
  MAX_ZOOM,
  nearestPoint,
  panBy,
  passesFilter,
  toData,
  toScreen,
  wheelFactor,
  zoomAt,
  type MapPoints,
} from './map-points';

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

describe('toData', () => {
  it('inverts toScreen for every point', () => {
    const view = zoomAt(fitView(xy, 220, 220, 10), 37, 81, 3.5, 1, 1000);
    for (let i = 0; i < 4; i++) {
      const [x, y] = toData(view, ...toScreen(xy, i, view));
      expect(x).toBeCloseTo(xy[2 * i]!, 12);
      expect(y).toBeCloseTo(xy[2 * i + 1]!, 12);
    }
  });
});

describe('zoomAt', () => {
  const fitted = fitView(xy, 220, 220, 10);

  it.each([
    ['in on a point', 210, 160, 2],
    ['out from the middle', 110, 110, 0.5],
    ['in on empty space', 3, 217, 4],
  ])('zooming %s keeps the data under the pointer in place', (_, sx, sy, factor) => {
    const before = toData(fitted, sx, sy);
    const zoomed = zoomAt(fitted, sx, sy, factor, 0, Infinity);
    expect(zoomed.scale).toBe(fitted.scale * factor);
    const after = toData(zoomed, sx, sy);
    expect(after[0]).toBeCloseTo(before[0], 12);
    expect(after[1]).toBeCloseTo(before[1], 12);
  });

  it('a point under the pointer is still the one found there after a zoom step', () => {
    const [sx, sy] = toScreen(xy, 3, fitted);
    const zoomed = zoomAt(fitted, sx + 3, sy - 2, 8, 0, Infinity);
    // 8x farther from its centre: the pointer 3.6 px off the point is now 29 px off.
    expect(nearestPoint(xy, zoomed, sx + 3, sy - 2, 8)).toBeUndefined();
    expect(nearestPoint(xy, zoomed, ...toScreen(xy, 3, zoomed), 8)).toBe(3);
    expect(toScreen(xy, 3, zoomed)[0]).toBeCloseTo(sx + 3 - 3 * 8, 9);
  });

  it('clamps the scale to the limits and still keeps the pointer fixed', () => {
    const limit = fitted.scale * MAX_ZOOM;
    const zoomed = zoomAt(fitted, 50, 60, 1e6, fitted.scale, limit);
    expect(zoomed.scale).toBe(limit);
    expect(toData(zoomed, 50, 60)[0]).toBeCloseTo(toData(fitted, 50, 60)[0], 12);
    expect(zoomAt(fitted, 50, 60, 1e-6, fitted.scale, limit)).toEqual(fitted);
  });
});

describe('panBy', () => {
  it('moves every point by the drag, in canvas pixels', () => {
    const fitted = fitView(xy, 220, 220, 10);
    const panned = panBy(zoomAt(fitted, 0, 0, 2, 0, Infinity), 15, -7);
    const [x, y] = toScreen(xy, 1, zoomAt(fitted, 0, 0, 2, 0, Infinity));
    expect(toScreen(xy, 1, panned)).toEqual([x + 15, y - 7]);
  });
});

describe('wheelFactor', () => {
  it('zooms in for wheel up, out for wheel down, by inverse amounts', () => {
    expect(wheelFactor(-100)).toBeGreaterThan(1);
    expect(wheelFactor(100)).toBeLessThan(1);
    expect(wheelFactor(-100) * wheelFactor(100)).toBeCloseTo(1, 12);
    expect(wheelFactor(0)).toBe(1);
  });

  it('reads a line-mode notch like a pixel-mode one', () => {
    expect(wheelFactor(3, 1)).toBeCloseTo(wheelFactor(99), 12);
  });
});

describe('indicesByClass', () => {
  it("lists each class's points in test-set order, skipping labels out of range", () => {
    const lists = indicesByClass(Uint8Array.of(2, 0, 2, 1, 0, 9), 3);
    expect(lists.map((list) => [...list])).toEqual([[1, 4], [3], [0, 2]]);
  });
});
