/** The map's canvas size in CSS pixels (tests place the pointer with the same fitView). */
export const MAP_WIDTH = 640;
export const MAP_HEIGHT = 480;

/** The test set's map as the scatter draws it: x, y per point, true and predicted class. */
export interface MapPoints {
  /** Interleaved x, y in test-set order. */
  xy: Float32Array;
  labels: Uint8Array;
  predicted: Uint8Array;
}

/** How data coordinates land on the canvas: screen = (data - min) * scale + pad. */
export interface MapView {
  minX: number;
  minY: number;
  scale: number;
  padX: number;
  padY: number;
}

/** The view that fits every point into a `width` x `height` canvas, `margin` pixels free around. */
export function fitView(xy: Float32Array, width: number, height: number, margin = 12): MapView {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    minX = Math.min(minX, xy[i]!);
    maxX = Math.max(maxX, xy[i]!);
    minY = Math.min(minY, xy[i + 1]!);
    maxY = Math.max(maxY, xy[i + 1]!);
  }
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  // Centre the shorter side so the map keeps its aspect ratio.
  return {
    minX,
    minY,
    scale,
    padX: (width - (maxX - minX) * scale) / 2,
    padY: (height - (maxY - minY) * scale) / 2,
  };
}

/** Point `index`'s position on the canvas. */
export function toScreen(xy: Float32Array, index: number, view: MapView): [number, number] {
  return [
    (xy[2 * index]! - view.minX) * view.scale + view.padX,
    (xy[2 * index + 1]! - view.minY) * view.scale + view.padY,
  ];
}

/** Canvas position (sx, sy) back in data coordinates: the inverse of `toScreen`. */
export function toData(view: MapView, sx: number, sy: number): [number, number] {
  return [(sx - view.padX) / view.scale + view.minX, (sy - view.padY) / view.scale + view.minY];
}

/**
 * The view zoomed by `factor` about canvas position (sx, sy): the data point under it stays
 * under it. The scale stays within [minScale, maxScale] (the fitted view's scale times limits).
 */
export function zoomAt(
  view: MapView,
  sx: number,
  sy: number,
  factor: number,
  minScale: number,
  maxScale: number,
): MapView {
  const scale = Math.min(maxScale, Math.max(minScale, view.scale * factor));
  const [dx, dy] = toData(view, sx, sy);
  return {
    ...view,
    scale,
    padX: sx - (dx - view.minX) * scale,
    padY: sy - (dy - view.minY) * scale,
  };
}

/** The view moved by (dx, dy) canvas pixels, as a drag moves it. */
export function panBy(view: MapView, dx: number, dy: number): MapView {
  return { ...view, padX: view.padX + dx, padY: view.padY + dy };
}

/** How far in a map zooms from its fitted view, at most (past 64x a point is alone anyway). */
export const MAX_ZOOM = 64;

/** The zoom factor of one wheel event: a notch (100 px) zooms by about 1.3x, either way. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  // Line and page modes (Firefox) report notches, not pixels.
  const pixels = deltaMode === 0 ? deltaY : deltaY * 33;
  return 2 ** (-pixels / 260);
}

/**
 * The visible point nearest to canvas position (sx, sy) within `radius` pixels, else undefined.
 * A linear scan: 10,000 points take well under a millisecond, no index to keep.
 */
export function nearestPoint(
  xy: Float32Array,
  view: MapView,
  sx: number,
  sy: number,
  radius: number,
  visible: (index: number) => boolean = () => true,
): number | undefined {
  let best: number | undefined;
  let bestDistance = radius * radius;
  for (let i = 0; i < xy.length / 2; i++) {
    if (!visible(i)) continue;
    const [x, y] = toScreen(xy, i, view);
    const distance = (x - sx) ** 2 + (y - sy) ** 2;
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

/** Which points a filter keeps: all, one true class, or one confusion cell (true, predicted). */
export type MapFilter =
  | { kind: 'all' }
  | { kind: 'class'; label: number }
  | { kind: 'cell'; label: number; predicted: number };

/** Whether point `index` passes `filter`. */
export function passesFilter(points: MapPoints, index: number, filter: MapFilter): boolean {
  const label = points.labels[index];
  if (filter.kind === 'all') return true;
  if (filter.kind === 'class') return label === filter.label;
  return label === filter.label && points.predicted[index] === filter.predicted;
}

/** The indices of each class's points, so drawing one class's path skips the other nine. */
export function indicesByClass(labels: Uint8Array, classes: number): Uint32Array[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) if (label < classes) counts[label]!++;
  const lists = counts.map((count) => new Uint32Array(count));
  const filled = new Array<number>(classes).fill(0);
  labels.forEach((label, i) => {
    if (label < classes) lists[label]![filled[label]!++] = i;
  });
  return lists;
}
