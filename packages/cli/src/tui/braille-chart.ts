/** One character cell of a chart: a braille glyph and which series drew it last (-1: none). */
export interface ChartCell {
  char: string;
  series: number;
}

/** Size and y range of a braille chart. */
export interface BrailleChartOptions {
  /** Size in character cells; each cell holds 2x4 dots. */
  width: number;
  height: number;
  /** Value range of the y axis (default: the data's own range). */
  min?: number;
  max?: number;
}

/** Bit of each dot in a braille cell, indexed [x][y] (Unicode's dot numbering). */
const DOT_BITS = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
];
const BRAILLE_BLANK = 0x2800;

/** The finite range of all series, widened a little when flat so a constant line is drawable. */
export function valueRange(series: readonly (readonly number[])[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const values of series) {
    for (const value of values) {
      if (!Number.isFinite(value)) continue;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  }
  if (min === Infinity) return { min: 0, max: 1 };
  if (max - min < 1e-9) return { min: min - 0.5, max: max + 0.5 };
  return { min, max };
}

/**
 * Draws line series onto a braille grid (2x4 dots a cell): points spread evenly across the
 * width, joined by straight segments. A cell takes the color of the last series that touched it.
 */
export function brailleChart(
  series: readonly (readonly number[])[],
  options: BrailleChartOptions,
): ChartCell[][] {
  const { width, height } = options;
  const range = valueRange(series);
  const min = options.min ?? range.min;
  const max = options.max ?? range.max;
  const dotsWide = width * 2;
  const dotsHigh = height * 4;
  const bits = Array.from({ length: height }, () => new Array<number>(width).fill(0));
  const owners = Array.from({ length: height }, () => new Array<number>(width).fill(-1));
  const plot = (x: number, y: number, owner: number): void => {
    if (x < 0 || y < 0 || x >= dotsWide || y >= dotsHigh) return;
    const row = Math.floor(y / 4);
    const column = Math.floor(x / 2);
    const rowBits = bits[row];
    const rowOwners = owners[row];
    if (!rowBits || !rowOwners) return;
    rowBits[column] = (rowBits[column] ?? 0) | (DOT_BITS[x % 2]?.[y % 4] ?? 0);
    rowOwners[column] = owner;
  };
  const toDotY = (value: number): number =>
    Math.round(((max - Math.min(max, Math.max(min, value))) / (max - min || 1)) * (dotsHigh - 1));
  series.forEach((values, owner) => {
    const n = values.length;
    let previous: [number, number] | undefined;
    values.forEach((value, index) => {
      if (!Number.isFinite(value)) {
        previous = undefined;
        return;
      }
      const x = n === 1 ? 0 : Math.round((index / (n - 1)) * (dotsWide - 1));
      const y = toDotY(value);
      if (previous) {
        // Enough steps to leave no gap between dots along the segment.
        const [x0, y0] = previous;
        const steps = Math.max(Math.abs(x - x0), Math.abs(y - y0), 1);
        for (let step = 0; step <= steps; step++) {
          plot(
            Math.round(x0 + ((x - x0) * step) / steps),
            Math.round(y0 + ((y - y0) * step) / steps),
            owner,
          );
        }
      } else {
        plot(x, y, owner);
      }
      previous = [x, y];
    });
  });
  // An empty cell is a plain space, not the blank braille glyph: terminals show the same, and
  // ASCII is far cheaper for Ink to measure on every frame.
  return bits.map((rowBits, row) =>
    rowBits.map((cellBits, column) =>
      cellBits === 0
        ? { char: ' ', series: -1 }
        : {
            char: String.fromCharCode(BRAILLE_BLANK + cellBits),
            series: owners[row]?.[column] ?? -1,
          },
    ),
  );
}

/**
 * Averages `values` into at most `points` buckets, so a long per-batch series fits a chart's
 * dot width without aliasing.
 */
export function downsample(values: readonly number[], points: number): number[] {
  if (values.length <= points) return [...values];
  const result: number[] = [];
  for (let bucket = 0; bucket < points; bucket++) {
    const from = Math.floor((bucket * values.length) / points);
    const to = Math.floor(((bucket + 1) * values.length) / points);
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i] ?? 0;
    result.push(sum / Math.max(1, to - from));
  }
  return result;
}
