import * as tf from '@tensorflow/tfjs';
import { disposeData, heapOffset, makeOutput, wasmKernelCall } from '../tfjs-internals.js';
import { activeMatrixProducts, productShape, type ProductRequest } from './matrix-products.js';
import { withShape } from './run-wasm-kernel.js';
import { convGeometry, simdTrainingKernels } from './simd-training-kernels.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * `Conv2D` for the WASM backend as im2col and one matrix product: the patch matrix
 * [N*OH*OW, KH*KW*Cin] (SIMD `imagePatches`) times the HWIO filter seen as [KH*KW*Cin, Cout],
 * with the active matrix products where they take that shape (ours take small patch matrices and
 * leave large ones to XNNPACK's convolution, which needs none). Training runs this kernel
 * (tfjs fuses bias and activation into FusedConv2D only outside gradients). Dilated or NCHW
 * convolutions, shapes the products leave to XNNPACK and engines without SIMD go to `stock`.
 */
export function createConv2dWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { backend, inputs, attrs } = wasmKernelCall<
      { x: tf.TensorInfo; filter: tf.TensorInfo },
      tf.Conv2DAttrs
    >(args);
    const { x, filter } = inputs;
    const products = activeMatrixProducts();
    const simd = simdTrainingKernels(backend);
    if (products === undefined || simd === undefined || attrs.dataFormat !== 'NHWC') {
      return stock(args);
    }
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      attrs.strides,
      attrs.dilations,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      'channelsLast',
    );
    const rows = info.batchSize * info.outHeight * info.outWidth;
    const depth = info.filterHeight * info.filterWidth * info.inChannels;
    const weights = withShape(filter, [1, depth, info.outChannels]);
    const placeholder: ProductRequest = {
      a: { dataId: x.dataId, shape: [1, rows, depth], dtype: x.dtype },
      b: weights,
      transposeA: false,
      transposeB: false,
      convolution: true,
    };
    const shape = productShape(placeholder);
    if (
      info.dilationHeight !== 1 ||
      info.dilationWidth !== 1 ||
      shape === undefined ||
      !products.takes(shape, backend)
    ) {
      return stock(args);
    }
    const patches = makeOutput(backend, [1, rows, depth]);
    simd.imagePatches(heapOffset(backend, x), heapOffset(backend, patches), ...convGeometry(info));
    const out = products.multiply(backend, { ...placeholder, a: patches });
    disposeData(backend, patches);
    return withShape(out, [...info.outShape]);
  };
}
