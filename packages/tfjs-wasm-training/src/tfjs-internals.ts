/**
 * The only module in the project that reaches past tfjs's public API: the engine's variable
 * registry and kernel calls, the WASM backend's tensor storage and Emscripten heap, the private
 * fields of layers and optimizers, a replaced layer `call`, the cpu backend's Node hint. Written
 * for tfjs 4.22.0: on another version, or where one of these internals is missing, each fast path
 * falls back to tfjs's stock code and says so once (console.warn), so no fallback goes unseen.
 */
import * as tf from '@tensorflow/tfjs';
import { version_wasm, type BackendWasm } from '@tensorflow/tfjs-backend-wasm';

// --- the tfjs version, and warnings when a fast path falls back ---

/** The tfjs release whose internals this module reads (every tfjs package must be this one). */
export const TFJS_VERSION = '4.22.0';

/** The loaded version of each tfjs package whose internals are read here. */
export function loadedTfjsVersions(): Record<string, string> {
  return {
    'tfjs-core': tf.version_core,
    'tfjs-layers': tf.version_layers,
    'tfjs-backend-cpu': tf.version_cpu,
    'tfjs-backend-wasm': version_wasm,
  };
}

/** The warning for `versions` (package -> version) that are not `TFJS_VERSION`; else undefined. */
export function tfjsVersionMismatch(versions: Record<string, string>): string | undefined {
  const others = Object.entries(versions).filter(([, version]) => version !== TFJS_VERSION);
  if (others.length === 0) return undefined;
  const found = others.map(([name, version]) => `${name} ${version}`).join(', ');
  return `@fashion-lab/tfjs-wasm-training was written for tfjs ${TFJS_VERSION} but found ${found}, so it trains with tfjs's stock kernels and layers instead of its fast paths (slower, same results).`;
}

const warned = new Set<string>();

function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}

/**
 * True when the loaded tfjs is the version the fast paths were written for; otherwise warns once
 * and returns false, and the caller takes tfjs's stock path.
 */
export function fastPathsSupported(): boolean {
  const mismatch = tfjsVersionMismatch(loadedTfjsVersions());
  if (mismatch !== undefined) warnOnce(mismatch);
  return mismatch === undefined;
}

/** Warns once that `internal` is missing, so that `consequence` follows; returns undefined. */
function missing(internal: string, consequence: string): undefined {
  warnOnce(
    `@fashion-lab/tfjs-wasm-training: tfjs ${tf.version_core} has no ${internal}, so ${consequence}.`,
  );
  return undefined;
}

/** The consequence of a missing internal that only costs speed. */
function trainsWithout(fastPath: string): string {
  return `it trains without ${fastPath} (slower, same results)`;
}

// --- the engine ---

/** Runs a registered kernel by name through the engine (recorded for gradients and tf.profile). */
export function runKernel(
  kernelName: string,
  inputs: tf.NamedTensorMap,
  attrs: object = {},
): tf.Tensor | tf.Tensor[] {
  return tf.engine().runKernel(kernelName, inputs, attrs as unknown as tf.NamedAttrMap);
}

/** The variable tfjs registered under `name` (how tfjs's own optimizers find what they update). */
export function registeredVariable(name: string): tf.Variable | undefined {
  return tf.engine().registeredVariables[name];
}

/** Wraps a kernel's output in a tensor the engine tracks (tests call kernel functions directly). */
export function tensorFromInfo(info: tf.TensorInfo): tf.Tensor {
  return tf.engine().makeTensorFromTensorInfo(info);
}

/** How many data buffers the current backend holds (a leak check below the tensor count). */
export function backendDataCount(): number {
  return tf.engine().backend.numDataIds();
}

// --- the WASM backend: tensor storage and heap ---

/** tfjs's WASM backend, as the kernels here see it. */
export type WasmBackend = BackendWasm;

/** One call of a 'wasm' kernel function, with its inputs and attrs typed as the kernel takes them. */
export interface WasmKernelCall<Inputs, Attrs> {
  backend: WasmBackend;
  inputs: Inputs;
  attrs: Attrs;
}

/** The arguments tfjs passes a 'wasm' kernel function, typed (tfjs types them loosely). */
export function wasmKernelCall<Inputs extends object, Attrs extends object = object>(
  args: Parameters<tf.KernelFunc>[0],
): WasmKernelCall<Inputs, Attrs> {
  return {
    backend: args.backend as BackendWasm,
    inputs: args.inputs as unknown as Inputs,
    attrs: (args.attrs ?? {}) as unknown as Attrs,
  };
}

/** The WASM backend when it is the current one, else undefined. */
export function currentWasmBackend(): WasmBackend | undefined {
  return tf.getBackend() === 'wasm' ? (tf.backend() as BackendWasm) : undefined;
}

/** A new uninitialized tensor on `backend`'s heap (a kernel output or scratch space). */
export function makeOutput(
  backend: WasmBackend,
  shape: number[],
  dtype: tf.DataType = 'float32',
): tf.TensorInfo {
  return backend.makeOutput(shape, dtype);
}

/** Frees a kernel's intermediate (outputs handed back to tfjs are the engine's to free). */
export function disposeData(backend: WasmBackend, tensor: tf.TensorInfo): void {
  backend.disposeData(tensor.dataId);
}

/** A view of a float32 tensor's memory in the WASM heap; invalid after the next allocation. */
export function heapFloat32(backend: WasmBackend, tensor: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(tensor) as Float32Array;
}

/** Byte offset of a tensor's data in the WASM heap (what the SIMD kernels take as pointers). */
export function heapOffset(backend: WasmBackend, tensor: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(tensor.dataId);
  if (data === undefined) {
    throw new Error('tfjs-internals.ts: a tensor without WASM data was passed');
  }
  return data.memoryOffset;
}

/**
 * `bytes` of the WASM heap outside any tensor (packed GEMM panels kept across calls), freed with
 * `heapRelease`; the backend's tensor count does not see them.
 */
export function heapAllocate(backend: WasmBackend, bytes: number): number {
  // `>>> 0`: the backend's own reading of _malloc's result (offsets above 2 GB are unsigned).
  return (backend.wasm as unknown as EmscriptenHeap)._malloc(bytes) >>> 0;
}

/** Frees memory from `heapAllocate`. */
export function heapRelease(backend: WasmBackend, offset: number): void {
  (backend.wasm as unknown as EmscriptenHeap)._free(offset);
}

/** The allocator every Emscripten module exports (tfjs's types for the module leave it out). */
interface EmscriptenHeap {
  _malloc(bytes: number): number;
  _free(offset: number): void;
}

/** True while `dataId` is held by `backend` (false once its last tensor was disposed). */
export function holdsData(backend: WasmBackend, dataId: tf.DataId): boolean {
  return backend.dataIdMap.has(dataId);
}

/**
 * True when `dataId` is the storage of a registered variable (a weight): the one kind of tensor
 * that is multiplied again with the same values (every step until the optimizer assigns it).
 */
export function isVariableData(dataId: tf.DataId): boolean {
  const variables = tf.engine().registeredVariables;
  for (const name in variables) if (variables[name]!.dataId === dataId) return true;
  return false;
}

/** `tensor`'s memory as a new tensor with one more reference: a copy that copies nothing. */
export function shareData(backend: WasmBackend, tensor: tf.TensorInfo): tf.TensorInfo {
  backend.incRef(tensor.dataId);
  return { dataId: tensor.dataId, shape: [...tensor.shape], dtype: tensor.dtype };
}

/** The parts of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WebAssemblyApi {
  Memory: abstract new (...args: never[]) => object;
}

/**
 * The Emscripten heap of `backend`'s WASM module (a WebAssembly.Memory), on which the SIMD
 * kernels are instantiated; undefined, with a warning, on another tfjs or where it is hidden.
 */
export function wasmHeapMemory(backend: WasmBackend): object | undefined {
  if (!fastPathsSupported()) return undefined;
  // tfjs 4.x's Emscripten module exposes its exports, the heap among them, as `asm`.
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } } | undefined)?.asm
    ?.memory;
  const api = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (api === undefined || !(memory instanceof api.Memory)) {
    return missing('WASM module heap (asm.memory)', trainsWithout('the SIMD training kernels'));
  }
  return memory;
}

// --- layers ---

/** A layer's `call`, which `replaceTrainingCall` wraps. */
type LayerCall = (
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Record<string, unknown>,
) => tf.Tensor | tf.Tensor[];

/** Layers whose training call was replaced already (a loaded model may be trained more than once). */
const replaced = new WeakSet<tf.layers.Layer>();

/**
 * Gives every `className` layer of `model` a training pass of its own: `training(layer, input)`
 * returns the output of a training-mode call, or undefined where the stock call must run (which
 * also serves inference). Once per layer; the layer stays its stock class, so saved models load
 * anywhere. On another tfjs version nothing is replaced.
 */
export function replaceTrainingCall(
  model: tf.LayersModel,
  className: string,
  training: (layer: tf.layers.Layer, input: tf.Tensor) => tf.Tensor | undefined,
): void {
  const layers = model.layers.filter((layer) => layer.getClassName() === className);
  if (layers.length === 0 || !fastPathsSupported()) return;
  for (const layer of layers) {
    if (replaced.has(layer)) continue;
    const internals = layer as unknown as { call?: LayerCall };
    if (typeof internals.call !== 'function') {
      missing(`${className}.call`, trainsWithout(`its own ${className} training pass`));
      return;
    }
    const stockCall = internals.call.bind(layer);
    internals.call = (inputs, kwargs) => {
      const input = Array.isArray(inputs) ? inputs[0] : inputs;
      const output =
        kwargs['training'] === true && input !== undefined ? training(layer, input) : undefined;
      return output ?? stockCall(inputs, kwargs);
    };
    replaced.add(layer);
  }
}

/** The private fields of a built BatchNormalization layer that its training pass reads. */
export interface BatchNormFields {
  axis: number;
  momentum: number;
  epsilon: number;
  /** Absent when the layer has scale: false; `beta` likewise with center: false. */
  gamma: tf.LayerVariable | undefined;
  beta: tf.LayerVariable | undefined;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

/** `layer`'s BatchNormalization fields; undefined, with a warning, where one is missing. */
export function batchNormFields(layer: tf.layers.Layer): BatchNormFields | undefined {
  const fields = layer as unknown as Record<keyof BatchNormFields, unknown>;
  const variable = (value: unknown): tf.LayerVariable | undefined =>
    value instanceof tf.LayerVariable ? value : undefined;
  const { axis, momentum, epsilon } = fields;
  const [movingMean, movingVariance] = [fields.movingMean, fields.movingVariance].map(variable);
  if (
    typeof axis !== 'number' ||
    typeof momentum !== 'number' ||
    typeof epsilon !== 'number' ||
    movingMean === undefined ||
    movingVariance === undefined
  ) {
    return missing(
      'BatchNormalization axis, momentum, epsilon or moving statistics',
      trainsWithout('the closed-form BatchNorm gradient'),
    );
  }
  const gamma = variable(fields.gamma);
  const beta = variable(fields.beta);
  return { axis, momentum, epsilon, gamma, beta, movingMean, movingVariance };
}

/** The private fields of a Dropout layer that its training pass reads. */
export interface DropoutFields {
  rate: number;
  /** tfjs's noise shape, if the layer was given one. */
  noiseShape: number[] | undefined;
  seed: number | undefined;
}

/** `layer`'s Dropout fields; undefined, with a warning, where one is missing. */
export function dropoutFields(layer: tf.layers.Layer): DropoutFields | undefined {
  const fields = layer as unknown as Record<keyof DropoutFields, unknown>;
  const { rate, seed, noiseShape } = fields;
  if (typeof rate !== 'number' || !('seed' in fields)) {
    return missing('Dropout rate or seed field', trainsWithout('its seeded dropout kernel'));
  }
  return {
    rate,
    seed: typeof seed === 'number' ? seed : undefined,
    noiseShape: Array.isArray(noiseShape) ? (noiseShape as number[]) : undefined,
  };
}

/**
 * Sets the seed a Dropout layer draws its next mask from (stock tfjs reads it on every call).
 * Not gated on the tfjs version: without fresh seeds every batch would drop the same units.
 */
export function setDropoutSeed(layer: tf.layers.Layer, seed: number): void {
  const fields = layer as unknown as { seed?: number };
  if (!('seed' in fields)) {
    missing('Dropout seed field', 'dropout cannot draw a fresh mask every step');
    return;
  }
  fields.seed = seed;
}

// --- optimizers ---

/** A moment slot of tfjs's Adam: the variable and the name it is saved under. */
export interface AdamSlot {
  originalName: string;
  variable: tf.Variable;
}

/** tfjs AdamOptimizer's private state, which a fused step drives the way tfjs's own step does. */
export interface AdamState {
  /** beta1^t and beta2^t of the next step t. */
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  /** One slot per variable, in the order of the gradients; filled on first use. */
  accumulatedFirstMoment: (AdamSlot | undefined)[];
  accumulatedSecondMoment: (AdamSlot | undefined)[];
}

/** `optimizer`'s Adam state; undefined, with a warning, on another tfjs or where it is missing. */
export function adamState(optimizer: tf.Optimizer): AdamState | undefined {
  if (!fastPathsSupported()) return undefined;
  const state = optimizer as unknown as Partial<Record<keyof AdamState, unknown>>;
  const { accBeta1, accBeta2, accumulatedFirstMoment, accumulatedSecondMoment } = state;
  if (
    !(accBeta1 instanceof tf.Variable) ||
    !(accBeta2 instanceof tf.Variable) ||
    !Array.isArray(accumulatedFirstMoment) ||
    !Array.isArray(accumulatedSecondMoment)
  ) {
    return missing(
      `Adam state (accBeta1, accBeta2, moment slots) on ${optimizer.getClassName()}`,
      trainsWithout('the fused Adam step'),
    );
  }
  return state as AdamState;
}

/** The `learningRate` field tfjs's optimizers read at every step, if `optimizer` has one. */
export function learningRateField(optimizer: tf.Optimizer): number | undefined {
  const rate = (optimizer as unknown as { learningRate?: unknown }).learningRate;
  return typeof rate === 'number' ? rate : undefined;
}

/** Writes the `learningRate` field; false when `optimizer` has no numeric one to write. */
export function setLearningRateField(optimizer: tf.Optimizer, learningRate: number): boolean {
  if (learningRateField(optimizer) === undefined) return false;
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
  return true;
}

// --- the cpu backend ---

/**
 * Turns off tfjs's one-time "Hi, looks like you are running TensorFlow.js in Node.js" hint, which
 * the cpu backend prints on its first tensor write. The hint is guarded by the backend's private
 * `firstUse` field alone, so this marks it as already shown; tfjs's other flags that silence it
 * (`PROD`, `IS_TEST`) would also hide every other tfjs warning. Safe to call repeatedly. `backend`:
 * another instance of the cpu backend's class (default: the registered cpu backend).
 */
export function silenceTfjsNodeHint(
  backend: tf.KernelBackend | null = tf.findBackend('cpu'),
): void {
  const cpu = backend as { firstUse?: boolean } | null;
  if (cpu !== null && 'firstUse' in cpu) cpu.firstUse = false;
}
