const SIZE = 28;
/** Share of the brightest value below which a pixel counts as background when cropping. */
const CONTENT_THRESHOLD = 0.1;

/** Any bitmap: canvas ImageData (RGBA) or a gray image, row-major, one byte per channel. */
export interface Bitmap {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
  channels: 1 | 4;
}

/** Grayscale 0..255: Rec. 601 luminance; transparent pixels count as white paper. */
function toGray(bitmap: Bitmap): Float32Array {
  const { width, height, data, channels } = bitmap;
  const gray = new Float32Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    if (channels === 1) {
      gray[i] = data[i]!;
    } else {
      const o = i * 4;
      const luminance = 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!;
      const alpha = data[o + 3]! / 255;
      gray[i] = alpha * luminance + (1 - alpha) * 255;
    }
  }
  return gray;
}

/** The median of the outermost ring of pixels: the background's level. */
function borderMedian(gray: Float32Array, width: number, height: number): number {
  const ring: number[] = [];
  for (let x = 0; x < width; x++) ring.push(gray[x]!, gray[(height - 1) * width + x]!);
  for (let y = 1; y < height - 1; y++) ring.push(gray[y * width]!, gray[y * width + width - 1]!);
  ring.sort((a, b) => a - b);
  return ring[Math.floor(ring.length / 2)]!;
}

/**
 * Weights of an area-averaging resample from `from` to `to` pixels along one axis: output pixel i
 * averages the source span [i*from/to, (i+1)*from/to), each source pixel weighted by its overlap.
 */
function areaWeights(from: number, to: number): { start: number; weights: number[] }[] {
  const scale = from / to;
  return Array.from({ length: to }, (_, i) => {
    const left = i * scale;
    const right = (i + 1) * scale;
    const start = Math.floor(left);
    const weights: number[] = [];
    for (let s = start; s < Math.min(from, Math.ceil(right)); s++) {
      weights.push((Math.min(s + 1, right) - Math.max(s, left)) / scale);
    }
    return { start, weights };
  });
}

/** Resizes a w x h float image to outW x outH by area averaging (separable). */
function resizeArea(
  src: Float32Array,
  w: number,
  h: number,
  outW: number,
  outH: number,
): Float32Array {
  const xs = areaWeights(w, outW);
  const ys = areaWeights(h, outH);
  const rows = new Float32Array(outW * h);
  for (let y = 0; y < h; y++) {
    xs.forEach(({ start, weights }, x) => {
      let sum = 0;
      weights.forEach((weight, k) => (sum += weight * src[y * w + start + k]!));
      rows[y * outW + x] = sum;
    });
  }
  const out = new Float32Array(outW * outH);
  ys.forEach(({ start, weights }, y) => {
    for (let x = 0; x < outW; x++) {
      let sum = 0;
      weights.forEach((weight, k) => (sum += weight * rows[(start + k) * outW + x]!));
      out[y * outW + x] = sum;
    }
  });
  return out;
}

/**
 * Turns any user image into the model's input the way Fashion-MNIST was made: grayscale,
 * clothing bright on a dark background (inverted when the border is light), cropped to the
 * content, scaled so the long side is 28 pixels (area averaging, aspect kept), centred in
 * 28x28. Returns 784 values in [0, 1]; an image without content gives all zeros.
 */
export function preprocessBitmap(bitmap: Bitmap): Float32Array {
  const { width, height, channels } = bitmap;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`preprocessBitmap: the size must be at least 1x1, got ${width}x${height}`);
  }
  if (bitmap.data.length !== width * height * channels) {
    throw new RangeError(
      `preprocessBitmap: a ${width}x${height} bitmap with ${channels} channel(s) needs ${width * height * channels} bytes, got ${bitmap.data.length}`,
    );
  }
  const gray = toGray(bitmap);
  const background = borderMedian(gray, width, height);
  const invert = background > 127;
  const level = invert ? 255 - background : background;
  // Bright on dark, background at 0.
  let max = 0;
  for (let i = 0; i < gray.length; i++) {
    const v = Math.max(0, (invert ? 255 - gray[i]! : gray[i]!) - level);
    gray[i] = v;
    if (v > max) max = v;
  }
  const out = new Float32Array(SIZE * SIZE);
  if (max === 0) return out;

  // Crop to the bounding box of the content.
  const threshold = CONTENT_THRESHOLD * max;
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (gray[y * width + x]! > threshold) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  const cropW = right - left + 1;
  const cropH = bottom - top + 1;
  const crop = new Float32Array(cropW * cropH);
  for (let y = 0; y < cropH; y++) {
    for (let x = 0; x < cropW; x++) crop[y * cropW + x] = gray[(top + y) * width + left + x]!;
  }

  // Long side to 28, aspect kept, centred; contrast stretched so the brightest pixel is 1.
  const scale = SIZE / Math.max(cropW, cropH);
  const outW = Math.max(1, Math.min(SIZE, Math.round(cropW * scale)));
  const outH = Math.max(1, Math.min(SIZE, Math.round(cropH * scale)));
  const resized = resizeArea(crop, cropW, cropH, outW, outH);
  const offsetX = Math.floor((SIZE - outW) / 2);
  const offsetY = Math.floor((SIZE - outH) / 2);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      out[(offsetY + y) * SIZE + offsetX + x] = Math.min(1, resized[y * outW + x]! / max);
    }
  }
  return out;
}
