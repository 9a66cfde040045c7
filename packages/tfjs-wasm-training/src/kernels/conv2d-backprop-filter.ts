import * as tf from '@tensorflow/tfjs';
import {
  disposeData,
  heapFloat32,
  heapOffset,
  makeOutput,
  wasmKernelCall,
  type WasmBackend,
} from '../tfjs-internals.js';
import { runWasmKernel, withShape } from './run-wasm-kernel.js';
import {
  convGeometry,
  simdTrainingKernels,
  type SimdTrainingKernels,
} from './simd-training-kernels.js';

/**
 * `Conv2DBackpropFilter` for the WASM backend, which has none: the transposed im2col patch matrix
 * `[KH*KW*Cin, N*OH*OW]` is written straight into the WASM heap and one fast (XNNPACK)
 * `BatchMatMul` with dy `[N*OH*OW, Cout]` gives `dW` as `[KH*KW*Cin, Cout]`. Measured on the CNN's
 * shapes this beats `dy^T x patches` plus two transposes by about 1.5x; `BatchMatMul` with
 * `transposeA` takes a slow generic path, and `Conv3DBackpropFilterV2` with depth 1 is wrong at
 * stride 2, so neither is used.
 */
export function conv2dBackpropFilterWasm(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { backend, inputs, attrs } = wasmKernelCall<
    { x: tf.TensorInfo; dy: tf.TensorInfo },
    tf.Conv2DBackpropFilterAttrs
  >(args);
  const { x, dy } = inputs;
  if (attrs.dataFormat !== 'NHWC') {
    // The WASM backend's own Conv2D rejects NCHW too, so no NCHW graph can reach this kernel.
    throw new Error(
      `kernels/conv2d-backprop-filter.ts: dataFormat '${attrs.dataFormat}' is not supported on 'wasm'; use NHWC`,
    );
  }
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error(
      `kernels/conv2d-backprop-filter.ts: float32 inputs expected, got ${x.dtype} and ${dy.dtype}`,
    );
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const columns = info.batchSize * info.outHeight * info.outWidth;
  const patchSize = info.filterHeight * info.filterWidth * info.inChannels;
  const simd = simdTrainingKernels(backend);
  if (
    simd !== undefined &&
    info.inChannels === 1 &&
    columns % 4 === 0 &&
    info.outChannels % 4 === 0
  ) {
    return singleChannelFilterGradient(backend, simd, x, dy, info, attrs.filterShape);
  }
  // Channels first ([Cin, N, H, W], one native transpose) makes every patch-row read a unit-stride
  // run at stride 1: about 1.5x faster im2col on the CNN's second layer.
  const channelsFirst =
    info.inChannels === 1
      ? x
      : runWasmKernel(
          'Transpose',
          backend,
          { x: withShape(x, [x.shape[0]! * x.shape[1]! * x.shape[2]!, info.inChannels]) },
          { perm: [1, 0] },
        );
  const patches = makeOutput(backend, [1, patchSize, columns]);
  if (simd !== undefined) {
    simd.transposedPatches(
      heapOffset(backend, channelsFirst),
      heapOffset(backend, patches),
      ...convGeometry(info),
    );
  } else {
    // Views are taken after the allocation: growing the heap detaches earlier views.
    writeTransposedPatches(
      heapFloat32(backend, channelsFirst),
      heapFloat32(backend, patches),
      info,
    );
  }
  if (channelsFirst !== x) disposeData(backend, channelsFirst);
  const dW = runWasmKernel(
    'BatchMatMul',
    backend,
    { a: patches, b: withShape(dy, [1, columns, info.outChannels]) },
    { transposeA: false, transposeB: false },
  );
  disposeData(backend, patches);
  return withShape(dW, [...attrs.filterShape]);
}

/**
 * The first layer's filter gradient (one input channel): dW^T = dy^T [Cout, N*OH*OW] . patches
 * [N*OH*OW, KH*KW], then a transpose of the small [Cout, KH*KW] result. XNNPACK packs its second
 * operand on every call, and here that is the patch matrix (KH*KW wide) instead of dy (Cout
 * wide): on the CNNs' first layer at batch 128, ~12.5 ms against ~15 ms, the SIMD transpose of dy
 * included.
 */
function singleChannelFilterGradient(
  backend: WasmBackend,
  simd: SimdTrainingKernels,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  filterShape: [number, number, number, number],
): tf.TensorInfo {
  const { batchSize, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const rows = batchSize * outHeight * outWidth;
  const taps = filterHeight * filterWidth;
  const dyTransposed = makeOutput(backend, [1, outChannels, rows]);
  const patches = makeOutput(backend, [1, rows, taps]);
  const at = (tensor: tf.TensorInfo): number => heapOffset(backend, tensor);
  simd.transpose(at(dy), at(dyTransposed), rows, outChannels);
  simd.singleChannelPatches(at(x), at(patches), ...convGeometry(info));
  const product = runWasmKernel(
    'BatchMatMul',
    backend,
    { a: dyTransposed, b: patches },
    { transposeA: false, transposeB: false },
  );
  disposeData(backend, dyTransposed);
  disposeData(backend, patches);
  const dW = runWasmKernel(
    'Transpose',
    backend,
    { x: withShape(product, [outChannels, taps]) },
    { perm: [1, 0] },
  );
  disposeData(backend, product);
  return withShape(dW, [...filterShape]);
}

/**
 * Transposed im2col from a channels-first copy of x: row (kh, kw, ci) lists, for every output
 * position (n, oh, ow), the input value under that filter tap, zero in the padding.
 */
function writeTransposedPatches(
  channelsFirst: Float32Array,
  patches: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  let out = 0;
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      // Output columns whose input column lies inside the image for this tap.
      const firstInside = Math.max(0, Math.ceil((left - kw) / strideWidth));
      const endInside = Math.min(outWidth, Math.floor((inWidth - 1 + left - kw) / strideWidth) + 1);
      for (let ci = 0; ci < inChannels; ci++) {
        for (let n = 0; n < batchSize; n++) {
          const image = (ci * batchSize + n) * inHeight;
          for (let oh = 0; oh < outHeight; oh++) {
            const row = oh * strideHeight - top + kh;
            if (row < 0 || row >= inHeight || endInside <= firstInside) {
              patches.fill(0, out, out + outWidth);
              out += outWidth;
              continue;
            }
            let ow = 0;
            for (; ow < firstInside; ow++) patches[out++] = 0;
            let source = (image + row) * inWidth + firstInside * strideWidth - left + kw;
            for (; ow < endInside; ow++) {
              patches[out++] = channelsFirst[source]!;
              source += strideWidth;
            }
            for (; ow < outWidth; ow++) patches[out++] = 0;
          }
        }
      }
    }
  }
}
