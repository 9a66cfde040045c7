import { describe, expect, it } from 'vitest';
import { testEvaluation, testExplain } from '@fashion-lab/run/testing';
import { heatmapsByImage } from './sample-heatmaps';

describe('heatmapsByImage', () => {
  it('groups heatmaps by test image and class, Grad-CAM before SmoothGrad', () => {
    const heatmaps = heatmapsByImage({
      gradCam: { layer: 'conv' },
      smoothGrad: { samples: 4, noise: 0.1, seed: 1 },
      heatmaps: [
        { index: 7, class: 2, method: 'smoothgrad', pixels: 'S2' },
        { index: 7, class: 2, method: 'grad-cam', pixels: 'G2' },
        { index: 7, class: 4, method: 'smoothgrad', pixels: 'S4' },
        { index: 9, class: 1, method: 'grad-cam', pixels: 'G1' },
        { index: 9, class: 1, method: 'smoothgrad', pixels: 'S1' },
      ],
    });
    expect([...heatmaps.keys()]).toEqual([7, 9]);
    expect(Object.fromEntries(heatmaps.get(7)!)).toEqual({ 2: 'G2', 4: 'S4' });
    expect(Object.fromEntries(heatmaps.get(9)!)).toEqual({ 1: 'G1' });
  });

  it('covers the predicted and, for a mistake, the true class of every sample', () => {
    const evaluation = testEvaluation();
    const heatmaps = heatmapsByImage(testExplain(evaluation));
    for (const sample of evaluation.samples) {
      const classes = heatmaps.get(sample.index)!;
      expect(classes.has(sample.predicted)).toBe(true);
      expect(classes.has(sample.label)).toBe(true);
    }
  });
});
