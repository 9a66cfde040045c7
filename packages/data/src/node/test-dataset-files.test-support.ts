import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../encode-idx.js';
import { DATASET_FILES } from './dataset-files.js';

/**
 * A tiny dataset in the real layout (5 training and 3 test images of 28x28), as decompressed IDX
 * bytes keyed by base name; pixels and labels depend on `variant` so two fixtures differ in every file.
 */
export function tinyDatasetFiles(variant = 0): Record<string, Uint8Array> {
  const images = (count: number, salt: number) =>
    encodeIdx(
      [count, 28, 28],
      Array.from({ length: count * 784 }, (_, i) => (i * 7 + salt + variant) % 256),
    );
  return {
    [DATASET_FILES.trainImages]: images(5, 1),
    [DATASET_FILES.trainLabels]: encodeIdx(
      [5],
      [0, 1, 2, 9, 4].map((label) => (label + variant) % 10),
    ),
    [DATASET_FILES.testImages]: images(3, 2),
    [DATASET_FILES.testLabels]: encodeIdx(
      [3],
      [3, 8, 5].map((label) => (label + variant) % 10),
    ),
  };
}

/** Size and SHA-256 of each file, in the shape of FASHION_MNIST_CHECKSUMS. */
export function checksumsOf(
  files: Record<string, Uint8Array>,
): Record<string, { bytes: number; sha256: string }> {
  return Object.fromEntries(
    Object.entries(files).map(([base, bytes]) => [
      base,
      { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    ]),
  );
}

/** A fresh empty folder under the OS temp dir. */
export function makeTempDir(prefix = 'fashion-lab-data-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes `files` into `dir` (created if needed), gzipped as `<base>.gz` unless `gzip` is false. */
export async function writeDatasetFiles(
  dir: string,
  files: Record<string, Uint8Array>,
  gzip = true,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [base, bytes] of Object.entries(files)) {
    await writeFile(join(dir, gzip ? `${base}.gz` : base), gzip ? gzipSync(bytes) : bytes);
  }
}
