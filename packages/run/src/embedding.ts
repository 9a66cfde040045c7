import * as v from 'valibot';
import { decodeBase64, encodeBase64, base64DecodedLength } from './base64.js';
import { fail, parseWithSchema } from './parse-with-schema.js';
import {
  base64Of,
  inRange,
  integer,
  nonEmptyString,
  positiveInteger,
  record,
  seconds,
  type Fields,
} from './schema-pieces.js';

const EMBEDDING_FIELDS = {
  method: v.literal('umap', "'umap'"),
  seed: integer,
  /** The layer whose activations were projected (the one before the output layer). */
  layer: nonEmptyString,
  /** Values per point in that layer. */
  width: positiveInteger,
  /** Points: the test images, in test-set order. */
  n: positiveInteger,
  nNeighbors: positiveInteger,
  minDist: inRange(0, Number.MAX_VALUE),
  /** base64 of n interleaved little-endian float32 x, y pairs (8 bytes a point). */
  points: base64Of(undefined, 'little-endian float32 x, y pairs'),
  /** base64 of n bytes: each point's predicted class, as evaluation.json's predictions. */
  predicted: v.exactOptional(base64Of(undefined, 'one predicted class per point')),
  /** How long computing the file took. */
  seconds: v.exactOptional(seconds),
};

/** runs/<runId>/embedding.json (optional): the test set's penultimate activations mapped to 2D. */
export const EmbeddingSchema = record(EMBEDDING_FIELDS);

export type Embedding = Fields<typeof EMBEDDING_FIELDS>;

/** Validates a parsed embedding.json: `points` of 8n bytes, `predicted` of n. Unknown fields are kept. */
export function validateEmbedding(value: unknown, file: string): Embedding {
  const embedding = parseWithSchema(EmbeddingSchema, value, { file, path: '' }) as Embedding;
  const points = base64DecodedLength(embedding.points);
  if (points !== embedding.n * 8) {
    fail(
      { file, path: 'points' },
      `base64 of ${embedding.n * 8} bytes (n = ${embedding.n} float32 x, y pairs)`,
      `${points} bytes`,
    );
  }
  if (embedding.predicted !== undefined) {
    const predicted = base64DecodedLength(embedding.predicted);
    if (predicted !== embedding.n) {
      fail(
        { file, path: 'predicted' },
        `base64 of ${embedding.n} bytes (one class per point)`,
        `${predicted} bytes`,
      );
    }
  }
  return embedding;
}

/** base64 of interleaved x, y as little-endian float32, whatever the machine's byte order. */
export function encodePoints(points: Float32Array): string {
  const bytes = new Uint8Array(points.length * 4);
  const view = new DataView(bytes.buffer);
  points.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return encodeBase64(bytes);
}

/** The interleaved x, y of embedding.json's `points`. */
export function decodePoints(text: string): Float32Array {
  const bytes = decodeBase64(text);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
