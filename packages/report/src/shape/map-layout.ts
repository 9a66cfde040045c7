import { extent, median } from 'd3';

/** Where a map coordinate lands in the plot, in CSS pixels. */
export interface MapScale {
  x: (value: number) => number;
  y: (value: number) => number;
}

/** A square-ish plot box: left, top, width, height in CSS pixels. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Maps interleaved x, y points into `box` with one scale for both axes (a UMAP map's distances mean
 * the same in every direction), centred, larger y up. Non-finite points are left out of the extent.
 */
export function mapScale(points: Float32Array, box: PlotBox): MapScale {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    if (Number.isFinite(points[i]) && Number.isFinite(points[i + 1])) {
      xs.push(points[i]!);
      ys.push(points[i + 1]!);
    }
  }
  const [x0 = 0, x1 = 1] = extent(xs);
  const [y0 = 0, y1 = 1] = extent(ys);
  // A map of one point (or a line) still gets a scale: its span counts as 1.
  const spanX = x1 - x0 || 1;
  const spanY = y1 - y0 || 1;
  const k = Math.min(box.width / spanX, box.height / spanY);
  const left = box.left + (box.width - spanX * k) / 2;
  const bottom = box.top + box.height - (box.height - spanY * k) / 2;
  return { x: (value) => left + (value - x0) * k, y: (value) => bottom - (value - y0) * k };
}

/** A class's cluster: its median point and how many points it has. */
export interface Cluster {
  klass: number;
  x: number;
  y: number;
  count: number;
}

/** Each class's median point (median x, median y of its points), for the classes that have points. */
export function clusterMedians(
  points: Float32Array,
  classes: Uint8Array,
  classCount: number,
): Cluster[] {
  const xs = Array.from({ length: classCount }, () => [] as number[]);
  const ys = Array.from({ length: classCount }, () => [] as number[]);
  classes.forEach((klass, i) => {
    if (klass >= classCount) return;
    xs[klass]!.push(points[2 * i]!);
    ys[klass]!.push(points[2 * i + 1]!);
  });
  return xs.flatMap((clusterXs, klass) => {
    const x = median(clusterXs);
    const y = median(ys[klass]!);
    return x === undefined || y === undefined ? [] : [{ klass, x, y, count: clusterXs.length }];
  });
}

/**
 * The `perCluster` points of each cluster's class nearest its median point, nearest first (ties:
 * lower test index first), so the same map always shows the same sprites.
 */
export function spritePoints(
  points: Float32Array,
  classes: Uint8Array,
  clusters: readonly Cluster[],
  perCluster = 3,
): Map<number, number[]> {
  const chosen = new Map<number, number[]>();
  for (const cluster of clusters) {
    const members: { index: number; distance: number }[] = [];
    classes.forEach((klass, index) => {
      if (klass !== cluster.klass) return;
      const distance = Math.hypot(
        points[2 * index]! - cluster.x,
        points[2 * index + 1]! - cluster.y,
      );
      if (Number.isFinite(distance)) members.push({ index, distance });
    });
    members.sort((a, b) => a.distance - b.distance || a.index - b.index);
    chosen.set(
      cluster.klass,
      members.slice(0, perCluster).map((member) => member.index),
    );
  }
  return chosen;
}
