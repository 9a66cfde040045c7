'use client';

import { useEffect, useRef } from 'react';
import { whereItSaw, type RankedClass } from '../lib/top-classes';
import { HeatCanvas } from './heat-canvas';

/** One class's heatmap of the drawn image: base64 of 784 bytes, as explain.json stores them. */
export interface DrawnHeatmap extends RankedClass {
  pixels: string;
}

const SIZE = 140;

/** The preprocessed 28x28 image (values 0..1) in gray, under its heatmap. */
function DrawnImage({ image }: { image: Float32Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const rgba = new Uint8ClampedArray(784 * 4);
    image.forEach((value, i) => {
      const gray = Math.round(value * 255);
      rgba.set([gray, gray, gray, 255], i * 4);
    });
    context.putImageData(new ImageData(rgba, 28, 28), 0, 0);
  }, [image]);
  return (
    <canvas
      ref={ref}
      width={28}
      height={28}
      className="drawn"
      style={{ width: SIZE, height: SIZE }}
      aria-hidden="true"
    />
  );
}

/**
 * Where the model looked in the drawn image, for its top class and the runner-up: each heatmap
 * over the 28x28 image the model saw, captioned with the class and its probability.
 */
export function TryHeatmaps({
  image,
  heatmaps,
  classNames,
  method,
}: {
  image: Float32Array;
  heatmaps: readonly DrawnHeatmap[];
  classNames: readonly string[];
  method: string;
}) {
  return (
    <section className="try-heatmaps" data-testid="try-heatmaps">
      <div className="heat-pair">
        {heatmaps.map((heatmap) => {
          const caption = whereItSaw(
            classNames[heatmap.klass] ?? String(heatmap.klass),
            heatmap.probability,
          );
          return (
            <figure key={heatmap.klass} data-class={heatmap.klass}>
              <span className="heat-frame">
                <DrawnImage image={image} />
                <HeatCanvas pixels={heatmap.pixels} size={SIZE} label={caption} />
              </span>
              <figcaption className="heat-caption">{caption}</figcaption>
            </figure>
          );
        })}
      </div>
      <p className="muted" data-testid="try-heatmap-method">
        {method}, computed here in your browser.
      </p>
    </section>
  );
}
