import * as tf from '@tensorflow/tfjs';
import {
  disposeData,
  heapFloat32,
  heapOffset,
  makeOutput,
  wasmKernelCall,
} from '../tfjs-internals.js';
import { runWasmKernel, withShape } from './run-wasm-kernel.js';
import {
  convGeometry,
  simdTrainingKernels,
  type SimdTrainingKernels,
} from './simd-training-kernels.js';

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Inputs = { dy: tf.TensorInfo; filter: tf.TensorInfo };

/**
 * `Conv2DBackpropInput` for the WASM backend at stride 1: the input gradient is a plain forward
 * `Conv2D` (XNNPACK, fast) of dy with the spatially flipped, in/out-swapped filter and the
 * complementary padding (`KH-1-top` above, `KH-1-bottom` below, likewise for width). Any other
 * case (stride > 1, NCHW, padding wider than the filter) goes to `fallback`, the stock kernel.
 * Measured here on the CNN's second layer at batch 128: ~24 ms against ~186 ms for the stock one.
 */
export function createConv2dBackpropInputWasm(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const plan = planConv2dBackpropInput(args);
    if (plan === undefined) return fallback(args);
    return plan.col2im !== undefined
      ? conv2dBackpropInputAsProduct(args, plan.info, plan.col2im)
      : conv2dBackpropInputAsConv2d(args, plan);
  };
}

interface Plan {
  info: tf.backend_util.Conv2DInfo;
  padding: [[number, number], [number, number], [number, number], [number, number]];
  /**
   * The SIMD kernels, when the product-and-col2im path applies (valid padding, dy much smaller
   * than dx: it does less work); undefined for the Conv2D path.
   */
  col2im: SimdTrainingKernels | undefined;
}

/**
 * Below this ratio of output to input positions, dy.W^T plus col2im (N*OH*OW*K*Cin*Cout
 * multiply-adds) beats the Conv2D over fully padded dy (N*IH*IW*K*Cin*Cout). Measured on the
 * CNN at batch 128: its third layer (ratio 0.36) 7.7 -> 4.7 ms; its second (0.72) 23 -> 32 ms,
 * slower despite fewer multiply-adds: the product's inner dimension is only Cout (64) and its
 * 4.5M-value result is written and read back.
 */
const PRODUCT_RATIO = 0.5;

/** The complementary padding when the fast path applies; undefined when the stock must run. */
function planConv2dBackpropInput(args: KernelArgs): Plan | undefined {
  const { backend, inputs, attrs } = wasmKernelCall<Inputs, tf.Conv2DBackpropInputAttrs>(args);
  const { dy, filter } = inputs;
  if (attrs.dataFormat !== 'NHWC' || dy.dtype !== 'float32' || filter.dtype !== 'float32')
    return undefined;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  if (info.strideHeight !== 1 || info.strideWidth !== 1) return undefined;
  if (info.outHeight !== dy.shape[1] || info.outWidth !== dy.shape[2]) return undefined;
  const { top, bottom, left, right } = info.padInfo;
  const padding: Plan['padding'] = [
    [0, 0],
    [info.filterHeight - 1 - top, info.filterHeight - 1 - bottom],
    [info.filterWidth - 1 - left, info.filterWidth - 1 - right],
    [0, 0],
  ];
  // Padding wider than the filter would need cropping, which Conv2D cannot do.
  if (padding.flat().some((value) => value < 0)) return undefined;
  const unpadded = top === 0 && bottom === 0 && left === 0 && right === 0;
  const ratio = (info.outHeight * info.outWidth) / (info.inHeight * info.inWidth);
  const fits = unpadded && ratio < PRODUCT_RATIO && info.inChannels % 4 === 0;
  const col2im = fits ? simdTrainingKernels(backend) : undefined;
  return { info, padding, col2im };
}

/**
 * dx for a stride-1 valid convolution as columns = dy [N*OH*OW, Cout] . W^T [Cout, KH*KW*Cin]
 * (XNNPACK) and the SIMD col2im `addPatches` that sums each column row into dx.
 */
function conv2dBackpropInputAsProduct(
  args: KernelArgs,
  info: tf.backend_util.Conv2DInfo,
  simd: SimdTrainingKernels,
): tf.TensorInfo {
  const { backend, inputs } = wasmKernelCall<Inputs>(args);
  const { dy, filter } = inputs;
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, outChannels } = info;
  const rows = batchSize * outHeight * outWidth;
  const columns = runWasmKernel(
    'BatchMatMul',
    backend,
    {
      a: withShape(dy, [1, rows, outChannels]),
      b: withShape(filter, [1, filterHeight * filterWidth * inChannels, outChannels]),
    },
    { transposeA: false, transposeB: true },
  );
  const dx = makeOutput(backend, [batchSize, inHeight, inWidth, inChannels]);
  simd.addPatches(heapOffset(backend, columns), heapOffset(backend, dx), ...convGeometry(info));
  disposeData(backend, columns);
  return dx;
}

function conv2dBackpropInputAsConv2d(args: KernelArgs, plan: Plan): tf.TensorInfo {
  const { backend, inputs } = wasmKernelCall<Inputs>(args);
  const { dy, filter } = inputs;
  const [filterHeight, filterWidth, inChannels, outChannels] = filter.shape as [
    number,
    number,
    number,
    number,
  ];
  const flipped = makeOutput(backend, [filterHeight, filterWidth, outChannels, inChannels]);
  const source = heapFloat32(backend, filter);
  const target = heapFloat32(backend, flipped);
  // flipped[kh, kw, co, ci] = filter[KH-1-kh, KW-1-kw, ci, co]
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const from =
        ((filterHeight - 1 - kh) * filterWidth + (filterWidth - 1 - kw)) * inChannels * outChannels;
      const to = (kh * filterWidth + kw) * outChannels * inChannels;
      for (let ci = 0; ci < inChannels; ci++) {
        for (let co = 0; co < outChannels; co++) {
          target[to + co * inChannels + ci] = source[from + ci * outChannels + co]!;
        }
      }
    }
  }
  const dx = runWasmKernel(
    'Conv2D',
    backend,
    { x: dy, filter: flipped },
    { strides: 1, pad: plan.padding, dataFormat: 'NHWC', dilations: 1 },
  );
  disposeData(backend, flipped);
  return dx;
}
