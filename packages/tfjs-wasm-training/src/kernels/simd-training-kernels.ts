import * as tf from '@tensorflow/tfjs';
import { wasmHeapMemory, type WasmBackend } from '../tfjs-internals.js';
import { TRAINING_KERNELS_WASM_BASE64 } from './training-kernels-wasm.js';

/**
 * The SIMD kernels of assembly/training-kernels.ts. Every pointer is a byte offset into the WASM
 * backend's heap (`heapOffset`), every count is in floats; channels-last tensors whose channel
 * count is a multiple of 4.
 */
export interface SimdTrainingKernels {
  reluGrad(x: number, dy: number, dx: number, count: number): void;
  maxPoolGrad2x2(
    x: number,
    dy: number,
    dx: number,
    batch: number,
    inHeight: number,
    inWidth: number,
    channels: number,
    outHeight: number,
    outWidth: number,
  ): void;
  batchNormForward(
    x: number,
    y: number,
    pixels: number,
    channels: number,
    gamma: number,
    beta: number,
    epsilon: number,
    mean: number,
    variance: number,
    invStd: number,
    scratch: number,
  ): void;
  batchNormBackward(
    x: number,
    dy: number,
    dx: number,
    pixels: number,
    channels: number,
    gamma: number,
    mean: number,
    invStd: number,
    dGamma: number,
    dBeta: number,
    scratch: number,
  ): void;
  columnSums(
    x: number,
    rows: number,
    columns: number,
    out: number,
    scale: number,
    scratch: number,
  ): void;
  /** Transposed im2col from a channels-first copy of x ([Cin, N, H, W]). */
  transposedPatches(channelsFirst: number, patches: number, ...geometry: ConvGeometry): void;
  /** col2im, stride 1 and no padding only: dx = the sum of each column row at its position. */
  addPatches(columns: number, dx: number, ...geometry: ConvGeometry): void;
  /** im2col of a one-channel input, a row per output position. */
  singleChannelPatches(x: number, patches: number, ...geometry: ConvGeometry): void;
  transpose(source: number, target: number, rows: number, columns: number): void;
  addChannels(x: number, bias: number, out: number, pixels: number, channels: number): void;
  scaleShiftChannels(
    x: number,
    coefficients: number,
    out: number,
    pixels: number,
    channels: number,
  ): void;
  dropout(
    x: number,
    out: number,
    count: number,
    key: number,
    threshold: number,
    scale: number,
  ): void;
  /** Packs B (depth x columns; `transposed` 1: stored columns x depth) in panels of 8 columns. */
  packPanels(b: number, packed: number, depth: number, columns: number, transposed: number): void;
  /** C = A . B, B packed; A[i][k] at a + 4 * (i * rowStride + k * depthStride). */
  gemm(
    a: number,
    rowStride: number,
    depthStride: number,
    packed: number,
    c: number,
    rows: number,
    columns: number,
    depth: number,
  ): void;
  /** im2col of a channels-last input, a row of KH*KW*Cin values per output position. */
  imagePatches(x: number, patches: number, ...geometry: ConvGeometry): void;
  /** 48 * iterations independent multiply-adds (the bench's peak probe). */
  peakProbe(iterations: number, scale: number, offset: number): number;
  adamStep(
    x: number,
    m: number,
    v: number,
    g: number,
    xOut: number,
    mOut: number,
    vOut: number,
    count: number,
    ...coefficients: AdamCoefficients
  ): void;
}

/** Adam's per-step constants, each rounded to float32 as tfjs's scalar tensors round them. */
export type AdamCoefficients = [
  beta1: number,
  oneMinusBeta1: number,
  beta2: number,
  oneMinusBeta2: number,
  /** 1 - beta1^t */
  c1: number,
  /** 1 - beta2^t */
  c2: number,
  epsilon: number,
  negativeRate: number,
];

/** A convolution's geometry, in the order the convolution kernels take it. */
export type ConvGeometry = [
  batch: number,
  inHeight: number,
  inWidth: number,
  inChannels: number,
  outHeight: number,
  outWidth: number,
  filterHeight: number,
  filterWidth: number,
  strideHeight: number,
  strideWidth: number,
  top: number,
  left: number,
];

/** `info`'s geometry as the convolution kernels take it. */
export function convGeometry(info: tf.backend_util.Conv2DInfo): ConvGeometry {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  return [
    ...([batchSize, inHeight, inWidth, inChannels, outHeight, outWidth] as const),
    ...([filterHeight, filterWidth, strideHeight, strideWidth, padInfo.top, padInfo.left] as const),
  ];
}

/** The parts of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/** One instance per backend: it runs on that backend's own memory. `null`: it cannot load. */
const instances = new WeakMap<WasmBackend, SimdTrainingKernels | null>();

/**
 * The SIMD kernels instantiated on `backend`'s heap, or undefined where they cannot or must not
 * be used (a WASM engine without SIMD, a backend that does not expose its memory (with a warning),
 * or tfjs's `WASM_HAS_SIMD_SUPPORT` flag set to false): callers then keep their plain paths.
 */
export function simdTrainingKernels(backend: WasmBackend): SimdTrainingKernels | undefined {
  if (!simdEnabled()) return undefined;
  let kernels = instances.get(backend);
  if (kernels === undefined) {
    kernels = instantiate(backend);
    instances.set(backend, kernels);
  }
  return kernels ?? undefined;
}

/** A channels-last tensor as rows of its last axis: `pixels` rows of `channels` values. */
export function channelRows(x: tf.TensorInfo): { pixels: number; channels: number } {
  const channels = x.shape[x.shape.length - 1] ?? 1;
  return { channels, pixels: tf.util.sizeFromShape(x.shape) / channels };
}

/** True when `vector` holds one float32 value per channel: shape [C] or [1, ..., 1, C]. */
export function isPerChannel(vector: tf.TensorInfo, channels: number): boolean {
  return (
    vector.dtype === 'float32' &&
    vector.shape[vector.shape.length - 1] === channels &&
    vector.shape.slice(0, -1).every((size) => size === 1)
  );
}

/** tfjs's own verdict on WASM SIMD (evaluated when the backend started; false if it was not). */
function simdEnabled(): boolean {
  try {
    return tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  } catch {
    return false;
  }
}

function instantiate(backend: WasmBackend): SimdTrainingKernels | null {
  const memory = wasmHeapMemory(backend);
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (api === undefined || memory === undefined) return null;
  try {
    const module = new api.Module(decodeBase64(TRAINING_KERNELS_WASM_BASE64));
    const instance = new api.Instance(module, { env: { memory } });
    // The exports are the functions of assembly/training-kernels.ts, which this interface lists.
    return instance.exports as SimdTrainingKernels;
  } catch {
    // No WASM SIMD here (CompileError): the plain kernels stay in use.
    return null;
  }
}

function decodeBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
