/** Types of training-kernels-wasm.mjs, for the test that checks the embedded module is fresh. */
export declare const SOURCE: string;
export declare const EMBEDDED: string;
export declare function compileTrainingKernels(): Promise<Uint8Array>;
export declare function embeddedModuleSource(binary: Uint8Array): string;
