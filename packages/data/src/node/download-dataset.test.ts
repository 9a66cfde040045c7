import { spawnSync } from 'node:child_process';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../encode-idx.js';
import { DATASET_FILES } from './dataset-files.js';
import { DownloadError, downloadDataset, type DownloadProgress } from './download-dataset.js';
import { readIdxFile } from './read-idx-file.js';
import { checksumsOf, makeTempDir, tinyDatasetFiles } from './test-dataset-files.test-support.js';

const files = tinyDatasetFiles();
const checksums = checksumsOf(files);
const gzipped = Object.fromEntries(
  Object.entries(files).map(([base, bytes]) => [`${base}.gz`, gzipSync(bytes)]),
);
const wrongContent = Object.fromEntries(
  Object.entries(tinyDatasetFiles(1)).map(([base, bytes]) => [`${base}.gz`, gzipSync(bytes)]),
);
const allGzNames = Object.keys(gzipped).sort();

/**
 * Routes by the first path segment: good (the fixture), missing (404), wrong (valid IDX with
 * other content), drop (socket destroyed after half the body), stall (half the body, then
 * nothing), raw (the decompressed bytes under the .gz name), badlabels (labels out of range).
 */
let server: Server;
let base = '';
const requests: string[] = [];
let root = '';

beforeAll(async () => {
  root = await makeTempDir();
  server = createServer((request, response) => {
    const [, route = '', name = ''] = (request.url ?? '').split('/');
    requests.push(`${route}/${name}`);
    const body = gzipped[name];
    if (!body || route === 'missing') {
      response.writeHead(404).end('not found');
      return;
    }
    const send = (bytes: Uint8Array) =>
      response.writeHead(200, { 'content-length': bytes.length }).end(bytes);
    if (route === 'good') send(body);
    else if (route === 'wrong') send(wrongContent[name]!);
    else if (route === 'raw') send(files[name.slice(0, -3)]!);
    else if (route === 'badlabels')
      send(name.includes('labels') ? gzipSync(encodeIdx([5], [0, 1, 2, 3, 12])) : body);
    else if (route === 'drop' || route === 'stall') {
      response.writeHead(200, { 'content-length': body.length });
      response.write(body.subarray(0, body.length >> 1), () => {
        if (route === 'drop') response.socket?.destroy();
      });
    } else response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

let dirCount = 0;
async function freshCacheDir(): Promise<string> {
  return join(root, `cache-${dirCount++}`);
}

function mirrors(...routes: string[]): string[] {
  return routes.map((route) => `${base}/${route}/`);
}

async function expectVerifiedCache(dir: string): Promise<void> {
  expect((await readdir(dir)).sort()).toEqual(allGzNames);
  for (const [baseName, bytes] of Object.entries(files)) {
    expect(await readIdxFile(join(dir, `${baseName}.gz`))).toEqual(bytes);
  }
}

describe('downloadDataset', () => {
  it('downloads, verifies and stores all four files, reporting progress', async () => {
    const cacheDir = await freshCacheDir();
    const progress: DownloadProgress[] = [];
    const dir = await downloadDataset({
      cacheDir,
      mirrors: mirrors('good'),
      checksums,
      onProgress: (p) => progress.push(p),
    });
    expect(dir).toBe(cacheDir);
    await expectVerifiedCache(cacheDir);
    for (const name of allGzNames) {
      const last = progress.filter((p) => p.file === name).at(-1);
      expect(last).toEqual({
        file: name,
        receivedBytes: gzipped[name]!.length,
        totalBytes: gzipped[name]!.length,
      });
    }
  });

  it.each([
    { failure: 'a 404', first: 'missing' },
    { failure: 'a wrong checksum', first: 'wrong' },
    { failure: 'a connection dropped mid-body', first: 'drop' },
  ])('moves on to the next mirror after $failure', async ({ first }) => {
    const cacheDir = await freshCacheDir();
    requests.length = 0;
    await downloadDataset({ cacheDir, mirrors: mirrors(first, 'good'), checksums });
    await expectVerifiedCache(cacheDir);
    for (const name of allGzNames) {
      expect(requests).toContain(`${first}/${name}`);
      expect(requests).toContain(`good/${name}`);
    }
  });

  it('fails with every mirror reason when all fail, leaving no file behind', async () => {
    const cacheDir = await freshCacheDir();
    const error = await downloadDataset({
      cacheDir,
      mirrors: mirrors('missing', 'wrong', 'drop'),
      checksums,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DownloadError);
    const { attempts, file } = error as DownloadError;
    expect(file).toBe(`${DATASET_FILES.trainImages}.gz`);
    expect(attempts.map((attempt) => attempt.url)).toEqual(
      mirrors('missing', 'wrong', 'drop').map((mirror) => `${mirror}${file}`),
    );
    expect(attempts[0]!.reason).toContain('HTTP 404');
    expect(attempts[1]!.reason).toContain('sha256 mismatch');
    expect(attempts[2]!.reason).toMatch(/terminated|closed|socket/i);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('stops on abort mid-body without trying other mirrors or leaving a temp file', async () => {
    const cacheDir = await freshCacheDir();
    const controller = new AbortController();
    requests.length = 0;
    const download = downloadDataset({
      cacheDir,
      mirrors: mirrors('stall', 'good'),
      checksums,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(download).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests).toEqual([`stall/${DATASET_FILES.trainImages}.gz`]);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('keeps files already in the cache and fetches only the rest', async () => {
    const cacheDir = await freshCacheDir();
    await downloadDataset({ cacheDir, mirrors: mirrors('good'), checksums });
    await rm(join(cacheDir, `${DATASET_FILES.testLabels}.gz`));
    requests.length = 0;
    await downloadDataset({ cacheDir, mirrors: mirrors('good'), checksums });
    expect(requests).toEqual([`good/${DATASET_FILES.testLabels}.gz`]);
    await expectVerifiedCache(cacheDir);
  });

  it('removes temp files left by a process that died mid-download', async () => {
    const cacheDir = await freshCacheDir();
    await downloadDataset({ cacheDir, mirrors: mirrors('good'), checksums });
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(
      join(cacheDir, `.${DATASET_FILES.trainImages}.gz.${deadPid}-abcd1234.download`),
      'x',
    );
    await downloadDataset({ cacheDir, mirrors: mirrors('good'), checksums });
    await expectVerifiedCache(cacheDir);
  });

  it('stores bytes a server already decompressed under the raw name', async () => {
    const cacheDir = await freshCacheDir();
    await downloadDataset({ cacheDir, mirrors: mirrors('raw'), checksums });
    expect((await readdir(cacheDir)).sort()).toEqual(Object.keys(files).sort());
  });

  it('validates structure where no checksum is known (mnist)', async () => {
    const cacheDir = await freshCacheDir();
    await downloadDataset({ dataset: 'mnist', cacheDir, mirrors: mirrors('badlabels', 'good') });
    await expectVerifiedCache(cacheDir);
    const failing = await freshCacheDir();
    const error = await downloadDataset({
      dataset: 'mnist',
      cacheDir: failing,
      mirrors: mirrors('badlabels'),
    }).catch((caught: unknown) => caught);
    expect((error as DownloadError).attempts[0]!.reason).toBe(
      'train-labels-idx1-ubyte: label 12 at index 4 is out of range 0..9',
    );
    // The images file came through whole before the labels failed; nothing else is there.
    expect(await readdir(failing)).toEqual([`${DATASET_FILES.trainImages}.gz`]);
  });
});
