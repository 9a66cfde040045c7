import { encodeGrayPng } from '@fashion-lab/data';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { mapScale } from '../shape/map-layout.js';
import { embeddingMap, MAP_CLASS_COLORS, MAP_PLOT, MAP_RASTER_SCALE } from './embedding-map.js';

const CLASS_NAMES = ['Top', 'Trouser', 'Bag'];

/**
 * Three clusters: class 0 around (0, 0), class 1 around (10, 0), class 2 around (5, 8); the last
 * point is a class-0 image sitting at (5, 3), predicted wrongly.
 */
const points = Float32Array.of(
  ...[0, 0, -1, 0, 1, 0, 0, 1, 0, -1],
  ...[10, 0, 9, 0, 11, 0],
  ...[5, 8, 4, 8, 6, 8.5],
  ...[5, 3],
);
const classes = Uint8Array.of(0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 0);
const mistaken = Array.from(classes, (_, i) => i === 11);
/** Test image i is a flat gray of value 10 * i, so a sprite says which image it is. */
const image = (index: number) => new Uint8Array(784).fill(10 * index);

function decodeDataUri(uri: string): PNG {
  return PNG.sync.read(Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64'));
}

const svg = embeddingMap({
  title: 'map',
  description: 'a test map',
  points,
  classes,
  mistaken,
  classNames: CLASS_NAMES,
  image,
  spritesPerCluster: 2,
});
const scale = mapScale(points, MAP_PLOT);

describe('embeddingMap', () => {
  it('draws each point in its class color where the scale puts its coordinates', () => {
    const href = /<image class="points"[^>]* href="([^"]+)"/.exec(svg)![1]!;
    const raster = decodeDataUri(href);
    expect([raster.width, raster.height]).toEqual([
      MAP_PLOT.width * MAP_RASTER_SCALE,
      MAP_PLOT.height * MAP_RASTER_SCALE,
    ]);
    const at = (x: number, y: number) => {
      const col = Math.floor((scale.x(x) - MAP_PLOT.left) * MAP_RASTER_SCALE);
      const row = Math.floor((scale.y(y) - MAP_PLOT.top) * MAP_RASTER_SCALE);
      const offset = (row * raster.width + col) * 4;
      return [...raster.data.subarray(offset, offset + 4)];
    };
    // The corners of the data's extent land on the plot's edges (x: -1..11 is the wider span).
    expect([scale.x(-1), scale.x(11)]).toEqual([MAP_PLOT.left, MAP_PLOT.left + MAP_PLOT.width]);
    expect(at(0, 0)).toEqual([...MAP_CLASS_COLORS[0]!, 255]);
    expect(at(10, 0)).toEqual([...MAP_CLASS_COLORS[1]!, 255]);
    expect(at(6, 8.5)).toEqual([...MAP_CLASS_COLORS[2]!, 255]);
    expect(at(5, 3)).toEqual([...MAP_CLASS_COLORS[0]!, 255]);
    // Between the clusters the raster is transparent, so the page shows through in either scheme.
    expect(at(2.5, 5)[3]).toBe(0);
    const opaque = raster.data.filter((_, i) => i % 4 === 3 && raster.data[i] === 255).length;
    // 12 discs of radius 3.2 raster pixels, about 32 pixels each, one pair overlapping at most.
    expect(opaque).toBeGreaterThan(10 * 28);
    expect(opaque).toBeLessThan(12 * 36);
  });

  it('crosses the misclassified points, and only them, at their coordinates', () => {
    const path = /<path class="mistakes" d="([^"]+)"\/>/.exec(svg)![1]!;
    const x = Math.round((scale.x(5) - 2) * 10) / 10;
    const y = Math.round((scale.y(3) - 2) * 10) / 10;
    expect(path).toBe(`M${x} ${y}l4 4m0-4l-4 4`);
    expect(svg).toContain('>misclassified (1)</text>');
  });

  it('names each class at its median point', () => {
    const labels = [
      ...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" class="cluster-label"[^>]*>([^<]+)</g),
    ].map((match) => [match[3], Number(match[1]), Number(match[2])]);
    const round = (value: number) => Math.round(value * 10) / 10;
    // Class 0's median of x (-1, 0, 0, 0, 1, 5) is 0 and of y (-1, 0, 0, 0, 1, 3) is 0.
    expect(labels).toEqual([
      ['Top', round(scale.x(0)), round(scale.y(0))],
      ['Trouser', round(scale.x(10)), round(scale.y(0))],
      ['Bag', round(scale.x(5)), round(scale.y(8))],
    ]);
  });

  it('shows beside each name the test images nearest its median, nearest first', () => {
    const sprites = [...svg.matchAll(/<image class="sprite"[^>]* href="([^"]+)"><title>([^<]+)</g)];
    expect(sprites.map((match) => match[2])).toEqual([
      'test image 0, a Top',
      'test image 1, a Top',
      'test image 5, a Trouser',
      'test image 6, a Trouser',
      'test image 8, a Bag',
      'test image 9, a Bag',
    ]);
    const first = decodeDataUri(sprites[2]![1]!);
    expect(first.data[0]).toBe(50);
    expect(sprites[2]![1]).toBe(
      `data:image/png;base64,${Buffer.from(encodeGrayPng(28, 28, image(5))).toString('base64')}`,
    );
  });

  it('has a legend with each class’s color and count, and no sprites without images', () => {
    // Tableau 10's first color, in the first row beside the plot.
    expect(svg).toContain(`fill="#4e79a7"/><text x="504" y="22">Top (6)</text>`);
    expect(svg).toContain('>Bag (3)</text>');
    const plain = embeddingMap({
      title: 'map',
      description: 'd',
      points,
      classes,
      classNames: CLASS_NAMES,
    });
    expect(plain).not.toContain('class="sprite"');
    expect(plain).not.toContain('class="mistakes"');
    expect(plain).toContain('class="cluster-label"');
  });

  it('draws the same bytes for the same points', () => {
    expect(
      embeddingMap({
        title: 'map',
        description: 'a test map',
        points: Float32Array.from(points),
        classes: Uint8Array.from(classes),
        mistaken: [...mistaken],
        classNames: CLASS_NAMES,
        image,
        spritesPerCluster: 2,
      }),
    ).toBe(svg);
  });
});
