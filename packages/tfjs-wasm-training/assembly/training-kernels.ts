// AssemblyScript: training kernels for tfjs's WASM backend (element-wise passes, per-channel
// reductions, im2col/col2im, a transpose), with 128-bit SIMD.
//
// Compiled with an imported memory: the module is instantiated on the WASM backend's own heap,
// so every pointer below is a byte offset of a tensor the backend allocated. It declares no
// globals, strings or arrays: it must never place data of its own in memory it does not own.
// Channels-last tensors only; every per-channel vector path needs `channels % 4 == 0` (the caller
// checks).

/** dx = dy where x > 0, else 0 (ReLU's gradient), over `count` floats. */
export function reluGrad(x: usize, dy: usize, dx: usize, count: i32): void {
  const zero = f32x4.splat(0);
  const vectorBytes = (<usize>(count >> 2)) << 4;
  for (let at: usize = 0; at < vectorBytes; at += 16) {
    const positive = f32x4.gt(v128.load(x + at), zero);
    v128.store(dx + at, v128.and(v128.load(dy + at), positive));
  }
  for (let at = vectorBytes; at < (<usize>count) << 2; at += 4) {
    store<f32>(dx + at, load<f32>(x + at) > 0 ? load<f32>(dy + at) : 0);
  }
}

/**
 * MaxPoolGrad for 2x2 windows at stride 2 without padding: each window's gradient goes to its
 * first maximum in row-major order (strict '>', as tfjs's cpu backend picks it), the other three
 * inputs get 0. Rows and columns no window covers (odd sizes) are zeroed.
 */
export function maxPoolGrad2x2(
  x: usize,
  dy: usize,
  dx: usize,
  batch: i32,
  inHeight: i32,
  inWidth: i32,
  channels: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  const pixel = (<usize>channels) << 2;
  const rowBytes = <usize>inWidth * pixel;
  if (inHeight != outHeight * 2 || inWidth != outWidth * 2) {
    memory.fill(dx, 0, <usize>batch * <usize>inHeight * rowBytes);
  }
  let gradient = dy;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = <usize>(n * inHeight + 2 * oh) * rowBytes;
      for (let ow = 0; ow < outWidth; ow++) {
        const corner = rowStart + <usize>(2 * ow) * pixel;
        for (let c: usize = 0; c < pixel; c += 16) {
          const topLeft = corner + c;
          const topRight = topLeft + pixel;
          const bottomLeft = topLeft + rowBytes;
          const bottomRight = bottomLeft + pixel;
          const a = v128.load(x + topLeft);
          const b = v128.load(x + topRight);
          const d = v128.load(x + bottomLeft);
          const e = v128.load(x + bottomRight);
          const g = v128.load(gradient);
          gradient += 16;
          // Lane masks of "this one beats every earlier one": later winners override earlier.
          const bWins = f32x4.gt(b, a);
          const best1 = v128.bitselect(b, a, bWins);
          const dWins = f32x4.gt(d, best1);
          const best2 = v128.bitselect(d, best1, dWins);
          const eWins = f32x4.gt(e, best2);
          const takesE = eWins;
          const takesD = v128.andnot(dWins, eWins);
          const takesB = v128.andnot(v128.andnot(bWins, dWins), eWins);
          const takesA = v128.not(v128.or(v128.or(bWins, dWins), eWins));
          v128.store(dx + topLeft, v128.and(g, takesA));
          v128.store(dx + topRight, v128.and(g, takesB));
          v128.store(dx + bottomLeft, v128.and(g, takesD));
          v128.store(dx + bottomRight, v128.and(g, takesE));
        }
      }
    }
  }
}

// BatchNorm over every axis but the last: x is `pixels` rows of `channels` floats. Sums are
// taken in float32 over chunks of CHUNK rows, then added into float64 totals, so 100k-row
// reductions keep float32's accuracy in every partial sum. Scratch pointers are caller-owned
// float32 buffers of the sizes given below.

const CHUNK = 32;

/**
 * totals[c] (float64) = sum over rows of (x[row][c] - center[c])^power, power 1 or 2; power 0
 * sums x itself (center unused). partial: 4 * channels bytes of scratch.
 */
function channelSums(
  x: usize,
  pixels: i32,
  channels: i32,
  center: usize,
  power: i32,
  partial: usize,
  totals: usize,
): void {
  const rowBytes = (<usize>channels) << 2;
  memory.fill(totals, 0, rowBytes << 1);
  for (let start = 0; start < pixels; start += CHUNK) {
    const end = min(start + CHUNK, pixels);
    memory.fill(partial, 0, rowBytes);
    for (let row = start; row < end; row++) {
      const base = x + <usize>row * rowBytes;
      for (let c: usize = 0; c < rowBytes; c += 16) {
        let value = v128.load(base + c);
        if (power != 0) value = f32x4.sub(value, v128.load(center + c));
        if (power == 2) value = f32x4.mul(value, value);
        v128.store(partial + c, f32x4.add(v128.load(partial + c), value));
      }
    }
    for (let c: usize = 0; c < <usize>channels; c++) {
      const at = totals + (c << 3);
      store<f64>(at, load<f64>(at) + <f64>load<f32>(partial + (c << 2)));
    }
  }
}

/**
 * Training-mode BatchNorm forward: the batch's per-channel mean and biased variance, invStd =
 * 1 / sqrt(variance + epsilon), and y = (x - mean) * invStd * gamma + beta.
 * scratch: 4 * channels floats.
 */
export function batchNormForward(
  x: usize,
  y: usize,
  pixels: i32,
  channels: i32,
  gamma: usize,
  beta: usize,
  epsilon: f32,
  mean: usize,
  variance: usize,
  invStd: usize,
  scratch: usize,
): void {
  const rowBytes = (<usize>channels) << 2;
  const partial = scratch;
  const totals = scratch + rowBytes; // float64: 2 * channels floats
  const shift = scratch + rowBytes * 3;
  // Pass 1: the mean (centred on 0: `variance` is zeroed here and used as the zero centre).
  memory.fill(variance, 0, rowBytes);
  channelSums(x, pixels, channels, variance, 1, partial, totals);
  for (let c: usize = 0; c < <usize>channels; c++) {
    store<f32>(mean + (c << 2), <f32>(load<f64>(totals + (c << 3)) / <f64>pixels));
  }
  // Pass 2: the variance around that mean (two passes: no cancellation of E[x^2] - E[x]^2).
  channelSums(x, pixels, channels, mean, 2, partial, totals);
  for (let c: usize = 0; c < <usize>channels; c++) {
    const v = <f32>(load<f64>(totals + (c << 3)) / <f64>pixels);
    store<f32>(variance + (c << 2), v);
    const inverse = <f32>1 / Mathf.sqrt(v + epsilon);
    store<f32>(invStd + (c << 2), inverse);
    // y = x * scale + shift, scale = gamma * invStd, shift = beta - mean * scale.
    const scale = load<f32>(gamma + (c << 2)) * inverse;
    store<f32>(partial + (c << 2), scale);
    store<f32>(shift + (c << 2), load<f32>(beta + (c << 2)) - load<f32>(mean + (c << 2)) * scale);
  }
  // Pass 3: normalize, scale and shift.
  for (let row = 0; row < pixels; row++) {
    const offset = <usize>row * rowBytes;
    for (let c: usize = 0; c < rowBytes; c += 16) {
      const value = f32x4.mul(v128.load(x + offset + c), v128.load(partial + c));
      v128.store(y + offset + c, f32x4.add(value, v128.load(shift + c)));
    }
  }
}

/**
 * Training-mode BatchNorm backward, in closed form: with x^ = (x - mean) * invStd,
 * dBeta = sum(dy), dGamma = sum(dy * x^), dx = gamma * invStd * (dy - dBeta/N - x^ * dGamma/N).
 * scratch: 7 * channels floats.
 */
export function batchNormBackward(
  x: usize,
  dy: usize,
  dx: usize,
  pixels: i32,
  channels: i32,
  gamma: usize,
  mean: usize,
  invStd: usize,
  dGamma: usize,
  dBeta: usize,
  scratch: usize,
): void {
  const rowBytes = (<usize>channels) << 2;
  const partialDy = scratch;
  const partialDyXHat = scratch + rowBytes;
  const totals = scratch + (rowBytes << 1); // sums of dy, then of dy * x^: float64, 4 * channels floats
  const constant = scratch + rowBytes * 6;
  memory.fill(totals, 0, rowBytes << 2);
  for (let start = 0; start < pixels; start += CHUNK) {
    const end = min(start + CHUNK, pixels);
    memory.fill(partialDy, 0, rowBytes << 1);
    for (let row = start; row < end; row++) {
      const offset = <usize>row * rowBytes;
      for (let c: usize = 0; c < rowBytes; c += 16) {
        const gradient = v128.load(dy + offset + c);
        const centred = f32x4.sub(v128.load(x + offset + c), v128.load(mean + c));
        const xHat = f32x4.mul(centred, v128.load(invStd + c));
        v128.store(partialDy + c, f32x4.add(v128.load(partialDy + c), gradient));
        const product = f32x4.mul(gradient, xHat);
        v128.store(partialDyXHat + c, f32x4.add(v128.load(partialDyXHat + c), product));
      }
    }
    for (let c: usize = 0; c < <usize>channels; c++) {
      const sumDy = totals + (c << 3);
      const sumDyXHat = totals + ((<usize>channels + c) << 3);
      store<f64>(sumDy, load<f64>(sumDy) + <f64>load<f32>(partialDy + (c << 2)));
      store<f64>(sumDyXHat, load<f64>(sumDyXHat) + <f64>load<f32>(partialDyXHat + (c << 2)));
    }
  }
  // dx = a * dy - b * x + k per channel, with a = gamma * invStd, b = a * invStd * dGamma / N,
  // k = b * mean - a * dBeta / N; a and b reuse the partial sums' scratch.
  const coefficientA = partialDy;
  const coefficientB = partialDyXHat;
  for (let c: usize = 0; c < <usize>channels; c++) {
    const sumDy = <f32>load<f64>(totals + (c << 3));
    const sumDyXHat = <f32>load<f64>(totals + ((<usize>channels + c) << 3));
    store<f32>(dBeta + (c << 2), sumDy);
    store<f32>(dGamma + (c << 2), sumDyXHat);
    const inverse = load<f32>(invStd + (c << 2));
    const a = load<f32>(gamma + (c << 2)) * inverse;
    const b = (a * inverse * sumDyXHat) / <f32>pixels;
    store<f32>(coefficientA + (c << 2), a);
    store<f32>(coefficientB + (c << 2), b);
    store<f32>(constant + (c << 2), b * load<f32>(mean + (c << 2)) - (a * sumDy) / <f32>pixels);
  }
  for (let row = 0; row < pixels; row++) {
    const offset = <usize>row * rowBytes;
    for (let c: usize = 0; c < rowBytes; c += 16) {
      const scaled = f32x4.mul(v128.load(dy + offset + c), v128.load(coefficientA + c));
      const shifted = f32x4.add(scaled, v128.load(constant + c));
      const value = f32x4.sub(
        shifted,
        f32x4.mul(v128.load(x + offset + c), v128.load(coefficientB + c)),
      );
      v128.store(dx + offset + c, value);
    }
  }
}

/**
 * out[c] = scale * sum over rows of x[row][c]: Sum or Mean over every axis but the last.
 * scratch: 3 * columns floats.
 */
export function columnSums(
  x: usize,
  rows: i32,
  columns: i32,
  out: usize,
  scale: f64,
  scratch: usize,
): void {
  const totals = scratch + ((<usize>columns) << 2);
  channelSums(x, rows, columns, 0, 0, scratch, totals);
  for (let c: usize = 0; c < <usize>columns; c++) {
    store<f32>(out + (c << 2), <f32>(load<f64>(totals + (c << 3)) * scale));
  }
}

/** Copies `count` floats from `source` to `target` (no overlap), four at a time. */
function copyFloats(source: usize, target: usize, count: i32): void {
  const bytes = (<usize>count) << 2;
  const vectorBytes = bytes & ~(<usize>15);
  let at: usize = 0;
  for (; at < vectorBytes; at += 16) v128.store(target + at, v128.load(source + at));
  for (; at < bytes; at += 4) store<f32>(target + at, load<f32>(source + at));
}

/**
 * Transposed im2col for Conv2DBackpropFilter, from a channels-first copy of x ([Cin, N, H, W]):
 * row (kh, kw, ci) of `patches` lists, for every output position (n, oh, ow), the input under
 * that filter tap, 0 in the padding.
 */
export function transposedPatches(
  channelsFirst: usize,
  patches: usize,
  batch: i32,
  inHeight: i32,
  inWidth: i32,
  inChannels: i32,
  outHeight: i32,
  outWidth: i32,
  filterHeight: i32,
  filterWidth: i32,
  strideHeight: i32,
  strideWidth: i32,
  top: i32,
  left: i32,
): void {
  const rowBytes = (<usize>outWidth) << 2;
  let out = patches;
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      // Output columns whose input column lies inside the image for this tap: [first, end).
      const before = left - kw;
      const first = before <= 0 ? 0 : min(outWidth, (before + strideWidth - 1) / strideWidth);
      const last = inWidth - 1 + left - kw;
      const end = last < 0 ? 0 : min(outWidth, last / strideWidth + 1);
      for (let ci = 0; ci < inChannels; ci++) {
        for (let n = 0; n < batch; n++) {
          const image = (ci * batch + n) * inHeight;
          for (let oh = 0; oh < outHeight; oh++) {
            const row = oh * strideHeight - top + kh;
            if (row < 0 || row >= inHeight || end <= first) {
              memory.fill(out, 0, rowBytes);
              out += rowBytes;
              continue;
            }
            if (first > 0) memory.fill(out, 0, (<usize>first) << 2);
            const source =
              channelsFirst +
              ((<usize>((image + row) * inWidth + first * strideWidth - before)) << 2);
            if (strideWidth == 1) {
              copyFloats(source, out + ((<usize>first) << 2), end - first);
            } else {
              for (
                let ow = first, from = source;
                ow < end;
                ow++, from += (<usize>strideWidth) << 2
              ) {
                store<f32>(out + ((<usize>ow) << 2), load<f32>(from));
              }
            }
            if (end < outWidth)
              memory.fill(out + ((<usize>end) << 2), 0, (<usize>(outWidth - end)) << 2);
            out += rowBytes;
          }
        }
      }
    }
  }
}

/**
 * col2im for Conv2DBackpropInput at stride 1 without padding: dx (zeroed here) gets, for every
 * output position (n, oh, ow) and tap (kh, kw), the `inChannels` floats of `columns` row
 * (n, oh, ow) at (kh, kw) added at dx[n, oh + kh, ow + kw]. Needs inChannels % 4 == 0.
 */
export function addPatches(
  columns: usize,
  dx: usize,
  batch: i32,
  inHeight: i32,
  inWidth: i32,
  inChannels: i32,
  outHeight: i32,
  outWidth: i32,
  filterHeight: i32,
  filterWidth: i32,
  strideHeight: i32,
  strideWidth: i32,
  top: i32,
  left: i32,
): void {
  // Stride 1 and no padding are the caller's precondition (the geometry is passed whole).
  const pixel = (<usize>inChannels) << 2;
  const inRow = <usize>inWidth * pixel;
  memory.fill(dx, 0, <usize>batch * <usize>inHeight * inRow);
  let from = columns;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const corner = dx + <usize>(n * inHeight + oh) * inRow + <usize>ow * pixel;
        for (let kh = 0; kh < filterHeight; kh++) {
          let to = corner + <usize>kh * inRow;
          for (let kw = 0; kw < filterWidth; kw++) {
            for (let c: usize = 0; c < pixel; c += 16) {
              v128.store(to + c, f32x4.add(v128.load(to + c), v128.load(from + c)));
            }
            to += pixel;
            from += pixel;
          }
        }
      }
    }
  }
}

/** target = source^T for a rows x columns matrix, in 4x4 blocks; both counts multiples of 4. */
export function transpose(source: usize, target: usize, rows: i32, columns: i32): void {
  const sourceRow = (<usize>columns) << 2;
  const targetRow = (<usize>rows) << 2;
  for (let r = 0; r < rows; r += 4) {
    let from = source + <usize>r * sourceRow;
    let to = target + ((<usize>r) << 2);
    for (let c = 0; c < columns; c += 4) {
      const a = v128.load(from);
      const b = v128.load(from + sourceRow);
      const d = v128.load(from + sourceRow * 2);
      const e = v128.load(from + sourceRow * 3);
      const ab01 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
      const ab23 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
      const de01 = v128.shuffle<f32>(d, e, 0, 4, 1, 5);
      const de23 = v128.shuffle<f32>(d, e, 2, 6, 3, 7);
      v128.store(to, v128.shuffle<f32>(ab01, de01, 0, 1, 4, 5));
      v128.store(to + targetRow, v128.shuffle<f32>(ab01, de01, 2, 3, 6, 7));
      v128.store(to + targetRow * 2, v128.shuffle<f32>(ab23, de23, 0, 1, 4, 5));
      v128.store(to + targetRow * 3, v128.shuffle<f32>(ab23, de23, 2, 3, 6, 7));
      from += 16;
      to += targetRow * 4;
    }
  }
}

/**
 * im2col for a one-channel input ([N, H, W, 1]): row (n, oh, ow) of `patches` lists the
 * KH*KW input values under the filter there, 0 in the padding.
 */
export function singleChannelPatches(
  x: usize,
  patches: usize,
  batch: i32,
  inHeight: i32,
  inWidth: i32,
  inChannels: i32,
  outHeight: i32,
  outWidth: i32,
  filterHeight: i32,
  filterWidth: i32,
  strideHeight: i32,
  strideWidth: i32,
  top: i32,
  left: i32,
): void {
  // inChannels is 1 (the caller's precondition; the geometry is passed whole).
  let out = patches;
  for (let n = 0; n < batch; n++) {
    const image = x + ((<usize>(n * inHeight * inWidth)) << 2);
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        for (let kh = 0; kh < filterHeight; kh++) {
          const row = oh * strideHeight - top + kh;
          const rowInside = row >= 0 && row < inHeight;
          for (let kw = 0; kw < filterWidth; kw++) {
            const column = ow * strideWidth - left + kw;
            const inside = rowInside && column >= 0 && column < inWidth;
            store<f32>(
              out,
              inside ? load<f32>(image + ((<usize>(row * inWidth + column)) << 2)) : 0,
            );
            out += 4;
          }
        }
      }
    }
  }
}

/** out[row][c] = x[row][c] + bias[c] over `pixels` rows of `channels` floats (a bias add). */
export function addChannels(x: usize, bias: usize, out: usize, pixels: i32, channels: i32): void {
  const rowBytes = (<usize>channels) << 2;
  for (let row = 0; row < pixels; row++) {
    const offset = <usize>row * rowBytes;
    for (let c: usize = 0; c < rowBytes; c += 16) {
      v128.store(out + offset + c, f32x4.add(v128.load(x + offset + c), v128.load(bias + c)));
    }
  }
}

/** Chris Wellons' "lowbias32" integer hash, four lanes at a time. */
function hashLanes(value: v128): v128 {
  let x = v128.xor(value, i32x4.shr_u(value, 16));
  x = i32x4.mul(x, i32x4.splat(0x7feb352d));
  x = v128.xor(x, i32x4.shr_u(x, 15));
  x = i32x4.mul(x, i32x4.splat(0x846ca68b));
  return v128.xor(x, i32x4.shr_u(x, 16));
}

/**
 * Inverted dropout with a counter-based mask: value i is kept, and multiplied by `scale`, when
 * lowbias32(i + key) < threshold (unsigned), else set to 0. The mask depends only on (key, i), so
 * the backward pass applies the same kernel to dy. src/kernels/dropout.ts computes the same mask
 * in JavaScript for the other backends.
 */
export function dropout(
  x: usize,
  out: usize,
  count: i32,
  key: u32,
  threshold: u32,
  scale: f32,
): void {
  const vectorCount = count & ~3;
  const scales = f32x4.splat(scale);
  const limit = i32x4.splat(threshold);
  let indices = i32x4.add(i32x4.splat(key), i32x4(0, 1, 2, 3));
  const step = i32x4.splat(4);
  for (let i = 0; i < vectorCount; i += 4) {
    const kept = i32x4.lt_u(hashLanes(indices), limit);
    const at = (<usize>i) << 2;
    v128.store(out + at, v128.and(f32x4.mul(v128.load(x + at), scales), kept));
    indices = i32x4.add(indices, step);
  }
  for (let i = vectorCount; i < count; i++) {
    let h = <u32>i + key;
    h ^= h >> 16;
    h *= 0x7feb352d;
    h ^= h >> 15;
    h *= 0x846ca68b;
    h ^= h >> 16;
    const at = (<usize>i) << 2;
    store<f32>(out + at, h < threshold ? load<f32>(x + at) * scale : 0);
  }
}

/**
 * out[row][c] = x[row][c] * coefficients[c] + coefficients[channels + c]: inference-mode
 * BatchNorm with its statistics folded into a scale and a shift per channel.
 */
export function scaleShiftChannels(
  x: usize,
  coefficients: usize,
  out: usize,
  pixels: i32,
  channels: i32,
): void {
  const rowBytes = (<usize>channels) << 2;
  const shifts = coefficients + rowBytes;
  for (let row = 0; row < pixels; row++) {
    const offset = <usize>row * rowBytes;
    for (let c: usize = 0; c < rowBytes; c += 16) {
      const scaled = f32x4.mul(v128.load(x + offset + c), v128.load(coefficients + c));
      v128.store(out + offset + c, f32x4.add(scaled, v128.load(shifts + c)));
    }
  }
}

/**
 * One Adam step over `count` weights, in tfjs's operation order so every value rounds as tfjs's
 * own optimizer rounds it: m' = m*beta1 + g*(1-beta1), v' = v*beta2 + g*g*(1-beta2),
 * x' = (m'/c1) / (sqrt(v'/c2) + epsilon) * (-rate) + x, where c1 and c2 are 1 - beta^t. The new
 * values go to fresh buffers: tensors cloned from the old ones may share their memory.
 */
export function adamStep(
  x: usize,
  m: usize,
  v: usize,
  g: usize,
  xOut: usize,
  mOut: usize,
  vOut: usize,
  count: i32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  c1: f32,
  c2: f32,
  epsilon: f32,
  negativeRate: f32,
): void {
  const b1 = f32x4.splat(beta1);
  const a1 = f32x4.splat(oneMinusBeta1);
  const b2 = f32x4.splat(beta2);
  const a2 = f32x4.splat(oneMinusBeta2);
  const d1 = f32x4.splat(c1);
  const d2 = f32x4.splat(c2);
  const e = f32x4.splat(epsilon);
  const r = f32x4.splat(negativeRate);
  const vectorBytes = (<usize>(count >> 2)) << 4;
  for (let at: usize = 0; at < vectorBytes; at += 16) {
    const gradient = v128.load(g + at);
    const m1 = f32x4.add(f32x4.mul(v128.load(m + at), b1), f32x4.mul(gradient, a1));
    const squared = f32x4.mul(gradient, gradient);
    const v1 = f32x4.add(f32x4.mul(v128.load(v + at), b2), f32x4.mul(squared, a2));
    const denominator = f32x4.add(f32x4.sqrt(f32x4.div(v1, d2)), e);
    const update = f32x4.mul(f32x4.div(f32x4.div(m1, d1), denominator), r);
    v128.store(mOut + at, m1);
    v128.store(vOut + at, v1);
    v128.store(xOut + at, f32x4.add(update, v128.load(x + at)));
  }
  for (let at = vectorBytes; at < (<usize>count) << 2; at += 4) {
    const gradient = load<f32>(g + at);
    const m1 = load<f32>(m + at) * beta1 + gradient * oneMinusBeta1;
    const v1 = load<f32>(v + at) * beta2 + gradient * gradient * oneMinusBeta2;
    const update = (m1 / c1 / (Mathf.sqrt(v1 / c2) + epsilon)) * negativeRate;
    store<f32>(mOut + at, m1);
    store<f32>(vOut + at, v1);
    store<f32>(xOut + at, update + load<f32>(x + at));
  }
}

// --- GEMM: C = A . B with B packed in panels of 8 columns ---
// A register-blocked "loadsplat" product: a tile of 4 rows x 8 columns of C lives in eight f32x4
// accumulators; each step of the inner dimension splats one value of each of the 4 rows of A
// (a scalar load) and multiplies it with 8 packed values of B (two vector loads). The depth is
// taken in blocks so that a block of B stays in cache while every row block of A passes over it.

/** Columns of a packed panel of B (two f32x4). */
const PANEL = 8;
/**
 * Most depth of one pass over B: up to 512 x 8 floats (16 KB) a panel, so a block of B for 128
 * columns (256 KB) stays in L2 while the row tiles pass. Deeper products are cut into equal
 * blocks (288 is one block, 1152 three of 384): every extra block re-reads and re-writes C.
 */
const DEPTH_BLOCK = 512;

/**
 * Packs B (depth x columns) for `gemm`: panel p holds, for every k in order, the 8 values
 * B[k][8p .. 8p + 7], zeros past the last column. `transposed` != 0: B is stored columns x depth.
 */
export function packPanels(
  b: usize,
  packed: usize,
  depth: i32,
  columns: i32,
  transposed: i32,
): void {
  let out = packed;
  for (let start = 0; start < columns; start += PANEL) {
    const width = min(PANEL, columns - start);
    if (transposed == 0 && width == PANEL) {
      let from = b + ((<usize>start) << 2);
      const rowBytes = (<usize>columns) << 2;
      for (let k = 0; k < depth; k++) {
        v128.store(out, v128.load(from));
        v128.store(out + 16, v128.load(from + 16));
        from += rowBytes;
        out += 32;
      }
      continue;
    }
    for (let k = 0; k < depth; k++) {
      for (let j = 0; j < PANEL; j++) {
        let value: f32 = 0;
        if (j < width) {
          const index = transposed != 0 ? (start + j) * depth + k : k * columns + start + j;
          value = load<f32>(b + ((<usize>index) << 2));
        }
        store<f32>(out, value);
        out += 4;
      }
    }
  }
}

/** Stores (or adds, when `accumulate`) the first `width` lanes of one 8-wide row of a tile. */
function storeTileRow(to: usize, low: v128, high: v128, width: i32, accumulate: bool): void {
  if (width == PANEL) {
    if (accumulate) {
      low = f32x4.add(low, v128.load(to));
      high = f32x4.add(high, v128.load(to + 16));
    }
    v128.store(to, low);
    v128.store(to + 16, high);
    return;
  }
  for (let j = 0; j < width; j++) {
    const lanes = j < 4 ? low : high;
    let value: f32 = 0;
    switch (j & 3) {
      case 0:
        value = f32x4.extract_lane(lanes, 0);
        break;
      case 1:
        value = f32x4.extract_lane(lanes, 1);
        break;
      case 2:
        value = f32x4.extract_lane(lanes, 2);
        break;
      default:
        value = f32x4.extract_lane(lanes, 3);
    }
    const at = to + ((<usize>j) << 2);
    store<f32>(at, accumulate ? load<f32>(at) + value : value);
  }
}

/**
 * C = A . B for A rows x depth, B depth x columns packed by `packPanels`, C rows x columns (row
 * stride `columns`). A[i][k] is read at a + 4 * (i * rowStride + k * depthStride), so a
 * transposed A (rowStride 1, depthStride rows) costs nothing extra: its values are splatted one
 * by one anyway. Rows past the last of a 4-row tile repeat the last row and are not stored.
 */
export function gemm(
  a: usize,
  rowStride: i32,
  depthStride: i32,
  packed: usize,
  c: usize,
  rows: i32,
  columns: i32,
  depth: i32,
): void {
  const step = (<usize>depthStride) << 2;
  const rowStep = (<usize>rowStride) << 2;
  const cRow = (<usize>columns) << 2;
  const blocks = (depth + DEPTH_BLOCK - 1) / DEPTH_BLOCK;
  const evenDepth = (depth + blocks - 1) / blocks;
  for (let k0 = 0; k0 < depth; k0 += evenDepth) {
    const blockDepth = min(evenDepth, depth - k0);
    const accumulate = k0 > 0;
    for (let i = 0; i < rows; i += 4) {
      const tileRows = min(4, rows - i);
      const first = a + <usize>i * rowStep + <usize>k0 * step;
      const second = tileRows > 1 ? first + rowStep : first;
      const third = tileRows > 2 ? second + rowStep : second;
      const fourth = tileRows > 3 ? third + rowStep : third;
      const cTile = c + <usize>i * cRow;
      for (let start = 0; start < columns; start += PANEL) {
        let w = packed + ((<usize>start * <usize>depth + <usize>k0 * PANEL) << 2);
        let a0 = first;
        let a1 = second;
        let a2 = third;
        let a3 = fourth;
        let c00 = f32x4.splat(0);
        let c01 = c00;
        let c10 = c00;
        let c11 = c00;
        let c20 = c00;
        let c21 = c00;
        let c30 = c00;
        let c31 = c00;
        for (let k = blockDepth; k > 0; k--) {
          const b0 = v128.load(w);
          const b1 = v128.load(w + 16);
          w += 32;
          const v0 = v128.load32_splat(a0);
          const v1 = v128.load32_splat(a1);
          const v2 = v128.load32_splat(a2);
          const v3 = v128.load32_splat(a3);
          a0 += step;
          a1 += step;
          a2 += step;
          a3 += step;
          c00 = f32x4.add(c00, f32x4.mul(v0, b0));
          c01 = f32x4.add(c01, f32x4.mul(v0, b1));
          c10 = f32x4.add(c10, f32x4.mul(v1, b0));
          c11 = f32x4.add(c11, f32x4.mul(v1, b1));
          c20 = f32x4.add(c20, f32x4.mul(v2, b0));
          c21 = f32x4.add(c21, f32x4.mul(v2, b1));
          c30 = f32x4.add(c30, f32x4.mul(v3, b0));
          c31 = f32x4.add(c31, f32x4.mul(v3, b1));
        }
        const width = min(PANEL, columns - start);
        const to = cTile + ((<usize>start) << 2);
        storeTileRow(to, c00, c01, width, accumulate);
        if (tileRows > 1) storeTileRow(to + cRow, c10, c11, width, accumulate);
        if (tileRows > 2) storeTileRow(to + cRow * 2, c20, c21, width, accumulate);
        if (tileRows > 3) storeTileRow(to + cRow * 3, c30, c31, width, accumulate);
      }
    }
  }
}

/**
 * im2col for a channels-last input ([N, H, W, Cin]): row (n, oh, ow) of `patches` lists, tap by
 * tap (kh, kw), the Cin input values under the filter there, zeros in the padding: the rows of
 * the product with the HWIO filter seen as [KH*KW*Cin, Cout].
 */
export function imagePatches(
  x: usize,
  patches: usize,
  batch: i32,
  inHeight: i32,
  inWidth: i32,
  inChannels: i32,
  outHeight: i32,
  outWidth: i32,
  filterHeight: i32,
  filterWidth: i32,
  strideHeight: i32,
  strideWidth: i32,
  top: i32,
  left: i32,
): void {
  const pixel = (<usize>inChannels) << 2;
  let out = patches;
  for (let n = 0; n < batch; n++) {
    const image = x + <usize>(n * inHeight * inWidth) * pixel;
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        for (let kh = 0; kh < filterHeight; kh++) {
          const row = oh * strideHeight - top + kh;
          const column = ow * strideWidth - left;
          if (row < 0 || row >= inHeight) {
            memory.fill(out, 0, <usize>filterWidth * pixel);
            out += <usize>filterWidth * pixel;
            continue;
          }
          // The taps of this filter row whose input column is inside: [first, end).
          const first = max(0, -column);
          const end = min(filterWidth, inWidth - column);
          if (first > 0) memory.fill(out, 0, <usize>first * pixel);
          if (end > first) {
            const from = image + <usize>(row * inWidth + column + first) * pixel;
            copyFloats(from, out + <usize>first * pixel, (end - first) * inChannels);
          }
          if (end < filterWidth) {
            const from = max(end, first);
            memory.fill(out + <usize>from * pixel, 0, <usize>(filterWidth - from) * pixel);
          }
          out += <usize>filterWidth * pixel;
        }
      }
    }
  }
}

/**
 * The bench's peak probe: `iterations` steps of 12 independent f32x4 multiply-adds (acc = acc *
 * scale + offset; 12 chains cover the add and multiply latencies), 48 multiply-adds a step, so
 * multiply-adds per second = 48 * iterations / seconds. Returns a lane sum so nothing is dropped.
 */
export function peakProbe(iterations: i32, scale: f32, offset: f32): f32 {
  const m = f32x4.splat(scale);
  const b = f32x4.splat(offset);
  let s0 = f32x4.splat(0);
  let s1 = f32x4.splat(1);
  let s2 = f32x4.splat(2);
  let s3 = f32x4.splat(3);
  let s4 = f32x4.splat(4);
  let s5 = f32x4.splat(5);
  let s6 = f32x4.splat(6);
  let s7 = f32x4.splat(7);
  let s8 = f32x4.splat(8);
  let s9 = f32x4.splat(9);
  let s10 = f32x4.splat(10);
  let s11 = f32x4.splat(11);
  for (let i = iterations; i > 0; i--) {
    s0 = f32x4.add(f32x4.mul(s0, m), b);
    s1 = f32x4.add(f32x4.mul(s1, m), b);
    s2 = f32x4.add(f32x4.mul(s2, m), b);
    s3 = f32x4.add(f32x4.mul(s3, m), b);
    s4 = f32x4.add(f32x4.mul(s4, m), b);
    s5 = f32x4.add(f32x4.mul(s5, m), b);
    s6 = f32x4.add(f32x4.mul(s6, m), b);
    s7 = f32x4.add(f32x4.mul(s7, m), b);
    s8 = f32x4.add(f32x4.mul(s8, m), b);
    s9 = f32x4.add(f32x4.mul(s9, m), b);
    s10 = f32x4.add(f32x4.mul(s10, m), b);
    s11 = f32x4.add(f32x4.mul(s11, m), b);
  }
  const total = f32x4.add(
    f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3)),
    f32x4.add(
      f32x4.add(f32x4.add(s4, s5), f32x4.add(s6, s7)),
      f32x4.add(f32x4.add(s8, s9), f32x4.add(s10, s11)),
    ),
  );
  return (
    f32x4.extract_lane(total, 0) +
    f32x4.extract_lane(total, 1) +
    f32x4.extract_lane(total, 2) +
    f32x4.extract_lane(total, 3)
  );
}
