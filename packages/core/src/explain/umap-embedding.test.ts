import { describe, expect, it } from 'vitest';
import { createRng } from '@fashion-lab/data';
import { umapEmbedding } from './umap-embedding.js';

/** `perCluster` points around each of three far-apart centres in 8 dimensions, seeded. */
function clusters(perCluster: number): { values: Float32Array; labels: number[] } {
  const rng = createRng(3);
  const values = new Float32Array(perCluster * 3 * 8);
  const labels: number[] = [];
  for (let i = 0; i < perCluster * 3; i++) {
    const cluster = i % 3;
    labels.push(cluster);
    for (let d = 0; d < 8; d++) values[i * 8 + d] = (d === cluster ? 10 : 0) + rng.next();
  }
  return { values, labels };
}

describe('umapEmbedding', () => {
  const { values, labels } = clusters(40);
  const parameters = { nNeighbors: 10, minDist: 0.1 };

  it('gives the same map for the same seed, and another for another seed', async () => {
    const first = await umapEmbedding(values, 8, { ...parameters, seed: 1 });
    const again = await umapEmbedding(values, 8, { ...parameters, seed: 1 });
    const other = await umapEmbedding(values, 8, { ...parameters, seed: 2 });
    expect(first).toHaveLength(240);
    expect(Array.from(again)).toEqual(Array.from(first));
    expect(Array.from(other)).not.toEqual(Array.from(first));
  });

  it('keeps separate clusters apart: every point is nearest to one of its own cluster', async () => {
    const points = await umapEmbedding(values, 8, { ...parameters, seed: 1 });
    const nearest = (i: number): number => {
      let best = -1;
      let bestDistance = Infinity;
      for (let j = 0; j < labels.length; j++) {
        if (j === i) continue;
        const distance =
          (points[2 * i]! - points[2 * j]!) ** 2 + (points[2 * i + 1]! - points[2 * j + 1]!) ** 2;
        if (distance < bestDistance) [best, bestDistance] = [j, distance];
      }
      return best;
    };
    expect(labels.every((label, i) => labels[nearest(i)] === label)).toBe(true);
  });
});
