import * as tf from '@tensorflow/tfjs';
import { asWasmBackend, heapFloat32, runWasmKernel, withShape } from './wasm-heap.js';

/**
 * `Conv2DBackpropFilter` for the WASM backend, which has none: the im2col patch matrix
 * `[N*OH*OW, KH*KW*Cin]` is written straight into the WASM heap, then `dW^T = dy^T x patches`
 * runs on the fast (XNNPACK) `BatchMatMul` and one transpose gives `[KH, KW, Cin, Cout]`.
 * (`BatchMatMul` with `transposeA` takes a slow generic path, and `Conv3DBackpropFilterV2` with
 * depth 1 is wrong at stride 2, so neither is used.)
 */
export function conv2dBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = asWasmBackend(args.backend);
  const { x, dy } = args.inputs as unknown as tf.Conv2DBackpropFilterInputs & {
    x: tf.TensorInfo;
    dy: tf.TensorInfo;
  };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (attrs.dataFormat !== 'NHWC') {
    // The WASM backend's own Conv2D rejects NCHW too, so no NCHW graph can reach this kernel.
    throw new Error(`kernels/conv2d-backprop-filter.ts: dataFormat '${attrs.dataFormat}' is not supported on 'wasm'; use NHWC`);
  }
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error(`kernels/conv2d-backprop-filter.ts: float32 inputs expected, got ${x.dtype} and ${dy.dtype}`);
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
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const rows = batchSize * outHeight * outWidth;
  const patchSize = filterHeight * filterWidth * inChannels;

  const patches = backend.makeOutput([1, rows, patchSize], 'float32');
  // Views are taken after the allocation: growing the heap detaches earlier views.
  writePatches(heapFloat32(backend, x), heapFloat32(backend, patches), {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
  });
  const dyTransposed = runWasmKernel('Transpose', backend, { x: withShape(dy, [rows, outChannels]) }, { perm: [1, 0] });
  const product = runWasmKernel(
    'BatchMatMul',
    backend,
    { a: withShape(dyTransposed, [1, outChannels, rows]), b: patches },
    { transposeA: false, transposeB: false },
  );
  backend.disposeData(patches.dataId);
  backend.disposeData(dyTransposed.dataId);
  const dW = runWasmKernel('Transpose', backend, { x: withShape(product, [outChannels, patchSize]) }, { perm: [1, 0] });
  backend.disposeData(product.dataId);
  return withShape(dW, [...attrs.filterShape]);
}

interface PatchGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  top: number;
  left: number;
}

/** im2col: row (n, oh, ow) holds the input window under the filter at that output position, zeros in the padding. */
function writePatches(x: Float32Array, patches: Float32Array, g: PatchGeometry): void {
  const rowStride = g.inWidth * g.inChannels;
  const imageStride = g.inHeight * rowStride;
  const windowWidth = g.filterWidth * g.inChannels;
  let out = 0;
  for (let n = 0; n < g.batchSize; n++) {
    const image = n * imageStride;
    for (let oh = 0; oh < g.outHeight; oh++) {
      const firstRow = oh * g.strideHeight - g.top;
      for (let ow = 0; ow < g.outWidth; ow++) {
        const firstColumn = ow * g.strideWidth - g.left;
        // Columns of the window inside the image: one contiguous run of x per filter row.
        const skipLeft = Math.max(0, -firstColumn);
        const skipRight = Math.max(0, firstColumn + g.filterWidth - g.inWidth);
        const copyStart = skipLeft * g.inChannels;
        const copyEnd = windowWidth - skipRight * g.inChannels;
        for (let kh = 0; kh < g.filterHeight; kh++) {
          const row = firstRow + kh;
          if (row < 0 || row >= g.inHeight || copyEnd <= copyStart) {
            patches.fill(0, out, out + windowWidth);
          } else {
            const source = image + row * rowStride + firstColumn * g.inChannels;
            for (let i = 0; i < copyStart; i++) patches[out + i] = 0;
            for (let i = copyStart; i < copyEnd; i++) patches[out + i] = x[source + i]!;
            for (let i = copyEnd; i < windowWidth; i++) patches[out + i] = 0;
          }
          out += windowWidth;
        }
      }
    }
  }
}
