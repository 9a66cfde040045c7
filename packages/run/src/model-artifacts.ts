import {
  arrayOf,
  nonEmptyString,
  nonNegativeInteger,
  oneOf,
  record,
  type Fields,
} from './schema-pieces.js';

/**
 * The plain shapes of a saved tfjs layers model, as the run directory stores them. They are
 * structural twins of tfjs's `io.ModelArtifacts` (a tfjs model's artifacts can be handed over as
 * they are), so this package writes and reads models without loading tfjs.
 */

/** The tensor element types tfjs stores (its `DataType`). */
export const WEIGHT_DTYPES = ['float32', 'int32', 'bool', 'string', 'complex64'] as const;

/** One weight tensor of a model or an optimizer: where its bytes sit in the weights buffer. */
export const WeightSpecSchema = record({
  name: nonEmptyString,
  shape: arrayOf(nonNegativeInteger),
  dtype: oneOf(WEIGHT_DTYPES),
});
export type WeightSpec = Fields<typeof WeightSpecSchema.entries>;

/** A model's weights without its topology: the specs and the one buffer they describe, in order. */
export interface ModelWeights {
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
}

/** A model's topology, weights and the metadata tfjs writes beside them (model.json + weights.bin). */
export interface ModelArtifacts {
  /** A layers model's JSON topology (an ArrayBuffer is a graph model's, which runs never hold). */
  modelTopology?: object | ArrayBuffer;
  weightSpecs?: WeightSpec[];
  /** One buffer, or shards to be joined in order. */
  weightData?: ArrayBuffer | ArrayBuffer[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: object;
  signature?: object;
  userDefinedMetadata?: Record<string, object>;
  modelInitializer?: object;
  initializerSignature?: object;
}
