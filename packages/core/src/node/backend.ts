import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  registerWasmTrainingKernels,
  silenceTfjsNodeHint,
  useMatrixProducts,
} from '@fashion-lab/tfjs-wasm-training';
import { BackendUnavailableError } from '../backend/backend-unavailable-error.js';
import type { BackendChoice, BackendName } from '@fashion-lab/run';

/**
 * The optional native accelerator. Its name sits in a variable so TypeScript and bundlers do not
 * try to resolve a package that is usually not installed.
 */
const TFJS_NODE = '@tensorflow/tfjs-node';
/** The name tfjs-node registers its backend under. */
const TFJS_NODE_BACKEND = 'tensorflow';

/**
 * Makes `choice` the tfjs backend and returns the one actually in use: 'auto' tries tfjs-node,
 * then WASM (SIMD), then the pure-JS cpu backend. Registers core's WASM training kernels and
 * silences tfjs's Node hint. Throws BackendUnavailableError when an explicit choice cannot load.
 */
export async function selectBackend(choice: BackendChoice): Promise<BackendName> {
  silenceTfjsNodeHint();
  if (choice !== 'auto') {
    await activate(choice);
    return choice;
  }
  for (const candidate of ['node', 'wasm'] as const) {
    try {
      await activate(candidate);
      return candidate;
    } catch (error) {
      if (!(error instanceof BackendUnavailableError)) throw error;
    }
  }
  await activate('cpu');
  return 'cpu';
}

async function activate(name: BackendName): Promise<void> {
  switch (name) {
    case 'node':
      // Importing tfjs-node registers its backend; one registered already (a host program that
      // loaded tfjs-node itself, or a test's stand-in) is used as it is.
      if (tf.findBackendFactory(TFJS_NODE_BACKEND) === null) await loadTfjsNode();
      await setBackend(TFJS_NODE_BACKEND, 'node');
      return;
    case 'wasm':
      configureWasmPaths();
      registerWasmTrainingKernels();
      useProductsFromEnvironment();
      await setBackend('wasm', 'wasm');
      return;
    case 'cpu':
      await setBackend('cpu', 'cpu');
      return;
  }
}

/** The environment variable that picks the WASM matrix products (the bench's before/after). */
export const PRODUCTS_VARIABLE = 'FASHION_LAB_PRODUCTS';

/**
 * FASHION_LAB_PRODUCTS=xnnpack trains with tfjs's stock XNNPACK products instead of our GEMM;
 * unset or `ours` keeps ours. An environment variable, so worker threads see it too.
 */
function useProductsFromEnvironment(): void {
  const value = process.env[PRODUCTS_VARIABLE];
  if (value === undefined || value === '' || value === 'ours') return;
  if (value !== 'xnnpack') {
    throw new Error(`${PRODUCTS_VARIABLE}: expected 'ours' or 'xnnpack', got '${value}'`);
  }
  useMatrixProducts(undefined);
}

async function loadTfjsNode(): Promise<void> {
  try {
    // Registers the TFJS_NODE_BACKEND backend as a side effect.
    await import(TFJS_NODE);
  } catch (error) {
    throw new BackendUnavailableError(
      'node',
      `${TFJS_NODE} could not be loaded (${String(error)})`,
    );
  }
}

async function setBackend(tfjsName: string, name: BackendName): Promise<void> {
  if (!(await tf.setBackend(tfjsName))) {
    throw new BackendUnavailableError(name, `tfjs could not initialize the '${tfjsName}' backend`);
  }
}

let wasmPathsConfigured = false;

/**
 * Points the WASM backend at the .wasm binaries inside the installed package, so loading works
 * whatever the current directory or the bundling of the caller (Node picks the SIMD binary).
 */
function configureWasmPaths(): void {
  if (wasmPathsConfigured) return;
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  setWasmPaths(`${dirname(entry)}${sep}`);
  wasmPathsConfigured = true;
}
