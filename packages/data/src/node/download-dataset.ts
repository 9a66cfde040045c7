import { createHash, randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetName } from '../dataset.js';
import { parseImages, parseLabels } from '../parse-idx.js';
import { DATASET_FILE_NAMES, DATASET_MIRRORS, FASHION_MNIST_CHECKSUMS } from './dataset-files.js';
import { findDatasetFiles, defaultCacheDir } from './locate-dataset.js';
import { decompressIdx } from './read-idx-file.js';
import { makeDirectory } from './make-directory.js';

/** Progress of one file's download; `totalBytes` is absent when the server does not say. */
export interface DownloadProgress {
  file: string;
  receivedBytes: number;
  totalBytes?: number;
}

/** What {@link downloadDataset} fetches, from where, and where it puts it. */
export interface DownloadOptions {
  dataset?: DatasetName;
  /** Destination folder; default {@link defaultCacheDir} of the dataset. */
  cacheDir?: string;
  /** Base URLs serving `<base name>.gz`, tried in order; default the dataset's public mirrors. */
  mirrors?: readonly string[];
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /**
   * Expected size and SHA-256 of each decompressed file by base name; default the published
   * Fashion-MNIST table, none for MNIST (whose files are then validated structurally only).
   */
  checksums?: Readonly<Record<string, { bytes: number; sha256: string }>>;
}

/** One failed try of one mirror. */
export interface DownloadAttempt {
  url: string;
  reason: string;
}

/** Every mirror failed for a file; `attempts` says what went wrong at each. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  readonly file: string;
  readonly attempts: readonly DownloadAttempt[];

  constructor(file: string, attempts: readonly DownloadAttempt[]) {
    const reasons = attempts.map((attempt) => `${attempt.url}: ${attempt.reason}`).join('; ');
    super(`could not download ${file} from any mirror (${reasons})`);
    this.file = file;
    this.attempts = attempts;
  }
}

/** Temp files are `.<file>.<pid>-<random>.download`: invisible to the locator, owner findable. */
const TEMP_PATTERN = /^\..+\.(\d+)-[0-9a-f]+\.download$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files left by a process that was killed mid-download (finally blocks never ran). */
async function removeStaleTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const match = TEMP_PATTERN.exec(name);
    if (match && !isAlive(Number(match[1]))) await unlink(join(dir, name)).catch(() => {});
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/** Streams `url` into `tempPath`, reporting progress; a short body is an error, not a file. */
async function fetchToFile(
  url: string,
  tempPath: string,
  file: string,
  options: DownloadOptions,
): Promise<void> {
  // identity: a server that re-encodes would otherwise hand fetch's decoded bytes to a .gz name.
  const response = await fetch(url, {
    headers: { 'accept-encoding': 'identity' },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  }
  const lengthHeader = response.headers.get('content-length');
  const totalBytes = lengthHeader === null ? undefined : Number(lengthHeader);
  let receivedBytes = 0;
  const handle = await open(tempPath, 'wx');
  try {
    for await (const chunk of response.body) {
      await handle.write(chunk);
      receivedBytes += chunk.length;
      options.onProgress?.(
        totalBytes === undefined ? { file, receivedBytes } : { file, receivedBytes, totalBytes },
      );
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (totalBytes !== undefined && receivedBytes !== totalBytes) {
    throw new Error(`connection closed after ${receivedBytes} of ${totalBytes} bytes`);
  }
}

/**
 * Checks a downloaded file: valid IDX of the right kind and, where a checksum is known, the
 * exact size and SHA-256 of the decompressed bytes. Returns whether the file is gzip.
 */
async function verifyDownload(
  tempPath: string,
  base: string,
  checksum: { bytes: number; sha256: string } | undefined,
): Promise<boolean> {
  const stored = await readFile(tempPath);
  const isGzip = stored[0] === 0x1f && stored[1] === 0x8b;
  const idx = await decompressIdx(stored, base);
  if (checksum) {
    if (idx.length !== checksum.bytes) {
      throw new Error(`expected ${checksum.bytes} bytes decompressed, got ${idx.length}`);
    }
    const sha256 = createHash('sha256').update(idx).digest('hex');
    if (sha256 !== checksum.sha256) {
      throw new Error(`sha256 mismatch: expected ${checksum.sha256}, got ${sha256}`);
    }
  }
  if (base.includes('-images-')) parseImages(idx, base);
  else parseLabels(idx, base);
  return isGzip;
}

/**
 * Downloads the dataset's missing files into the cache, each verified (decompressed size and
 * SHA-256, or structure where no hash is known) and renamed into place only when whole; tries
 * the next mirror on any failure; leaves no temp file behind. Resolves to the folder.
 */
export async function downloadDataset(options: DownloadOptions = {}): Promise<string> {
  const dataset = options.dataset ?? 'fashion-mnist';
  const dir = options.cacheDir ?? defaultCacheDir(dataset);
  const mirrors = options.mirrors ?? DATASET_MIRRORS[dataset];
  const checksums =
    options.checksums ?? (dataset === 'fashion-mnist' ? FASHION_MNIST_CHECKSUMS : {});
  await makeDirectory(dir);
  await removeStaleTempFiles(dir);
  const { missing } = await findDatasetFiles(dir);
  for (const base of DATASET_FILE_NAMES) {
    // Files already here arrived by the atomic rename below (or were put here by the user).
    if (!missing.includes(base)) continue;
    const file = `${base}.gz`;
    const attempts: DownloadAttempt[] = [];
    let done = false;
    for (const mirror of mirrors) {
      options.signal?.throwIfAborted();
      const url = `${mirror.endsWith('/') ? mirror : `${mirror}/`}${file}`;
      const tempPath = join(
        dir,
        `.${file}.${process.pid}-${randomBytes(4).toString('hex')}.download`,
      );
      try {
        await fetchToFile(url, tempPath, file, options);
        const isGzip = await verifyDownload(tempPath, base, checksums[base]);
        await rename(tempPath, join(dir, isGzip ? file : base));
        done = true;
        break;
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        attempts.push({ url, reason: describe(error) });
      } finally {
        // After a successful rename the temp name is gone and this is a no-op.
        await unlink(tempPath).catch(() => {});
      }
    }
    if (!done) throw new DownloadError(file, attempts);
  }
  return dir;
}
