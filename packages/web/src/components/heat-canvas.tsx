'use client';

import { decodeBase64 } from '@fashion-lab/run';
import { useEffect, useRef } from 'react';
import { heatmapRgba } from '../lib/heat-colors';

/** A 28x28 heatmap (base64 of 784 bytes) drawn in the heat colour map, scaled up by CSS. */
export function HeatCanvas({
  pixels,
  size,
  label,
}: {
  pixels: string;
  size: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    context.putImageData(new ImageData(heatmapRgba(decodeBase64(pixels)), 28, 28), 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={ref}
      width={28}
      height={28}
      className="heat"
      style={{ width: size, height: size }}
      aria-label={label}
    />
  );
}
