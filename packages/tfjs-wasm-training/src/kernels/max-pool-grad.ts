import * as tf from '@tensorflow/tfjs';
import { heapFloat32, heapOffset, makeOutput, wasmKernelCall } from '../tfjs-internals.js';
import { simdTrainingKernels } from './simd-training-kernels.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * `MaxPoolGrad` for the WASM backend: each output's gradient goes to the first maximum of its
 * window (the first in row-major order, as the cpu backend picks it), scattered into a zeroed dx.
 * The stock kernel took ~60 ms for the CNN's first pooling layer at batch 128, the largest single
 * cost of a training step; this takes ~20 ms, and the 2x2 stride-2 windows every model here uses
 * (no overlap, no padding) take an unrolled path at about half that, or, with 4k channels, the SIMD kernel of
 * assembly/training-kernels.ts (~4x faster again). Non-float32 tensors go to
 * `fallback`.
 */
export function createMaxPoolGradWasm(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { backend, inputs, attrs } = wasmKernelCall<
      { dy: tf.TensorInfo; input: tf.TensorInfo },
      tf.MaxPoolGradAttrs
    >(args);
    const { dy, input } = inputs;
    if (input.dtype !== 'float32' || dy.dtype !== 'float32') return fallback(args);
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      attrs.filterSize,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    const dx = makeOutput(backend, input.shape);
    const simd = simdTrainingKernels(backend);
    if (simd !== undefined && isPlainTwoByTwo(info) && info.inChannels % 4 === 0) {
      simd.maxPoolGrad2x2(
        heapOffset(backend, input),
        heapOffset(backend, dy),
        heapOffset(backend, dx),
        info.batchSize,
        info.inHeight,
        info.inWidth,
        info.inChannels,
        info.outHeight,
        info.outWidth,
      );
      return dx;
    }
    // Views are taken after the allocation: growing the heap detaches earlier views.
    const scatter = isPlainTwoByTwo(info) ? scatterTwoByTwo : scatterToFirstMaxima;
    scatter(heapFloat32(backend, input), heapFloat32(backend, dy), heapFloat32(backend, dx), info);
    return dx;
  };
}

/** 2x2 windows at stride 2 that never reach padding: each input belongs to at most one window. */
function isPlainTwoByTwo(info: tf.backend_util.Conv2DInfo): boolean {
  return (
    info.filterHeight === 2 &&
    info.filterWidth === 2 &&
    info.strideHeight === 2 &&
    info.strideWidth === 2 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    2 * info.outHeight <= info.inHeight &&
    2 * info.outWidth <= info.inWidth
  );
}

/** `scatterToFirstMaxima` for plain 2x2 windows, unrolled: four reads, three comparisons. */
function scatterTwoByTwo(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const rowStep = inWidth * channels;
  dx.fill(0);
  let gradient = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = (n * inHeight + 2 * oh) * rowStep;
      for (let ow = 0; ow < outWidth; ow++) {
        const corner = rowStart + 2 * ow * channels;
        for (let c = 0; c < channels; c++, gradient++) {
          // Row-major order with a strict '>' keeps the first maximum, as the cpu backend does.
          let at = corner + c;
          let best = x[at]!;
          const right = at + channels;
          if (x[right]! > best) {
            best = x[right]!;
            at = right;
          }
          const below = corner + c + rowStep;
          if (x[below]! > best) {
            best = x[below]!;
            at = below;
          }
          if (x[below + channels]! > best) at = below + channels;
          dx[at] = dy[gradient]!;
        }
      }
    }
  }
}

function scatterToFirstMaxima(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  dx.fill(0);
  let gradient = 0;
  for (let n = 0; n < batchSize; n++) {
    const image = n * inHeight;
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = Math.max(0, oh * strideHeight - top);
      const rowEnd = Math.min(inHeight, oh * strideHeight - top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const columnStart = Math.max(0, ow * strideWidth - left);
        const columnEnd = Math.min(inWidth, ow * strideWidth - left + filterWidth);
        const corner = ((image + rowStart) * inWidth + columnStart) * channels;
        const rowStep = inWidth * channels;
        for (let c = 0; c < channels; c++, gradient++) {
          // Row-major order with a strict '>' keeps the first maximum, as the cpu backend does.
          let best = -Infinity;
          let bestAt = -1;
          for (
            let row = rowStart, rowOffset = corner + c;
            row < rowEnd;
            row++, rowOffset += rowStep
          ) {
            for (
              let column = columnStart, at = rowOffset;
              column < columnEnd;
              column++, at += channels
            ) {
              const value = x[at]!;
              if (value > best) {
                best = value;
                bestAt = at;
              }
            }
          }
          if (bestAt >= 0) dx[bestAt] = dx[bestAt]! + dy[gradient]!;
        }
      }
    }
  }
}
