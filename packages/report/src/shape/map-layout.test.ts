import { describe, expect, it } from 'vitest';
import { clusterMedians, mapScale, spritePoints } from './map-layout.js';

const box = { left: 10, top: 20, width: 200, height: 100 };

describe('mapScale', () => {
  it('puts the extremes on the box’s edges with one scale for both axes, centred, y up', () => {
    // x spans 2, y spans 1: at 100 px a unit both fill the 200x100 box exactly.
    const scale = mapScale(Float32Array.of(-1, 0, 1, 1, 0, 0.5), box);
    expect([scale.x(-1), scale.x(1), scale.x(0)]).toEqual([10, 210, 110]);
    expect([scale.y(0), scale.y(1), scale.y(0.5)]).toEqual([120, 20, 70]);
    // x spans 4: the width allows 50 px a unit, so y's 50 px are centred in the 100 px height.
    const wide = mapScale(Float32Array.of(0, 0, 4, 1), box);
    expect([wide.x(0), wide.x(4), wide.y(0), wide.y(1)]).toEqual([10, 210, 95, 45]);
  });

  it('ignores non-finite points and still scales a single point', () => {
    const scale = mapScale(Float32Array.of(0, 0, NaN, 5, 2, 2), box);
    expect([scale.x(2), scale.y(2)]).toEqual([160, 20]);
    const one = mapScale(Float32Array.of(3, 3), box);
    expect([one.x(3), one.y(3)]).toEqual([60, 120]);
  });
});

describe('clusterMedians', () => {
  it('gives each class with points its median x and median y, skipping empty classes', () => {
    const points = Float32Array.of(0, 0, 10, 1, 2, 8, 100, 100, 5, 5);
    const classes = Uint8Array.of(0, 0, 0, 2, 2);
    expect(clusterMedians(points, classes, 3)).toEqual([
      { klass: 0, x: 2, y: 1, count: 3 },
      { klass: 2, x: 52.5, y: 52.5, count: 2 },
    ]);
  });
});

describe('spritePoints', () => {
  it('chooses each cluster’s points nearest its median, nearest first, ties by test index', () => {
    // Class 0 around (0, 0): indices 1 and 3 are equally near, 4 is the nearest.
    const points = Float32Array.of(5, 0, 1, 0, 9, 9, 0, 1, 0.5, 0, 3, 3);
    const classes = Uint8Array.of(0, 0, 1, 0, 0, 1);
    const clusters = [
      { klass: 0, x: 0, y: 0, count: 4 },
      { klass: 1, x: 9, y: 9, count: 2 },
    ];
    expect(spritePoints(points, classes, clusters, 3)).toEqual(
      new Map([
        [0, [4, 1, 3]],
        [1, [2, 5]],
      ]),
    );
  });
});
