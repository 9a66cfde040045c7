import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getMetrics } from '../app/api/runs/[id]/metrics/route';
import { GET as getModelFile } from '../app/api/runs/[id]/model/[file]/route';
import { GET as getRunsList } from '../app/api/runs/route';
import { writeFixtureRuns, type FixtureRuns } from '../e2e/fixture-runs';
import { loadRunsTable } from './run-data';

describe('API routes', () => {
  let root: string;
  let fixture: FixtureRuns;
  const previousRunsDir = process.env['RUNS_DIR'];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'web-api-'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    fixture = await writeFixtureRuns(root);
    warn.mockRestore();
    process.env['RUNS_DIR'] = fixture.runsDir;
  });

  afterAll(async () => {
    if (previousRunsDir === undefined) delete process.env['RUNS_DIR'];
    else process.env['RUNS_DIR'] = previousRunsDir;
    await rm(root, { recursive: true, force: true });
  });

  const modelFile = (id: string, file: string) =>
    getModelFile(new Request(`http://127.0.0.1/api/runs/x/model/${file}`), {
      params: Promise.resolve({ id, file }),
    });

  it('serves model.json and weights.bin of a run', async () => {
    const id = fixture.completed[0]!;
    const json = await modelFile(id, 'model.json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json');
    const manifest = (await json.json()) as { weightsManifest: { paths: string[] }[] };
    expect(manifest.weightsManifest[0]!.paths).toEqual(['weights.bin']);
    const weights = await modelFile(id, 'weights.bin');
    expect(weights.headers.get('content-type')).toBe('application/octet-stream');
    expect((await weights.arrayBuffer()).byteLength).toBe(7850 * 4);
  });

  it.each([
    ['escape', 'model.json'],
    ['..', 'model.json'],
    ['../outside', 'model.json'],
    ['/etc', 'passwd'],
    ['20261125-100000-dense-sgd', 'run.json'],
    ['20261125-100000-dense-sgd', '../run.json'],
    ['20261125-100000-dense-sgd', 'evaluation.json'],
    ['20261125-110000-dense-adam-live', 'model.json'], // running: no model saved yet
  ])('answers 404 for run %j file %j', async (id, file) => {
    expect((await modelFile(id, file)).status).toBe(404);
  });

  it('sends the live view the metrics lines from ?from= on', async () => {
    const url = (from: string) =>
      `http://127.0.0.1/api/runs/${fixture.running}/metrics?from=${from}`;
    const params = { params: Promise.resolve({ id: fixture.running }) };
    const all = (await (await getMetrics(new Request(url('0')), params)).json()) as {
      status: string;
      total: number;
      lines: unknown[];
    };
    expect(all.status).toBe('running');
    expect(all.lines).toHaveLength(all.total);
    const last = (await (
      await getMetrics(new Request(url(String(all.total - 1))), params)
    ).json()) as {
      lines: unknown[];
    };
    expect(last.lines).toEqual([all.lines.at(-1)]);
    // A malformed `from` counts as 0.
    const junk = (await (await getMetrics(new Request(url('-5')), params)).json()) as {
      lines: unknown[];
    };
    expect(junk.lines).toHaveLength(all.total);
  });

  it('lists every run as the runs table reads it, plain JSON that arrives unchanged', async () => {
    const response = await getRunsList();
    expect(response.headers.get('cache-control')).toBe('no-store');
    const rows = (await response.json()) as unknown[];
    expect(rows).toEqual(await loadRunsTable());
    expect(rows).toHaveLength(fixture.completed.length + 3);
    expect(rows).toContainEqual(expect.objectContaining({ id: fixture.broken, ok: false }));
  });

  it.each(['escape', '..', 'a/b', 'missing'])('answers 404 for the metrics of %j', async (id) => {
    const response = await getMetrics(new Request(`http://127.0.0.1/api/runs/x/metrics`), {
      params: Promise.resolve({ id }),
    });
    expect(response.status).toBe(404);
  });

  it('answers 500 with the reason for an unreadable run', async () => {
    const response = await getMetrics(new Request(`http://127.0.0.1/api/runs/x/metrics`), {
      params: Promise.resolve({ id: fixture.broken }),
    });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: string }).error).toMatch(/run\.json/);
  });
});
