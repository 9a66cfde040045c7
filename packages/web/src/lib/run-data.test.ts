import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendFixtureMetrics, testBatchLine } from '@fashion-lab/run/testing';
import { writeFixtureRuns, type FixtureRuns } from '../e2e/fixture-runs';
import { loadMetricsUpdate, loadRunDetail, loadRunsTable } from './run-data';

describe('run-data: what the pages read from RUNS_DIR', () => {
  let root: string;
  let fixture: FixtureRuns;
  const previousRunsDir = process.env['RUNS_DIR'];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'web-run-data-'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    fixture = await writeFixtureRuns(root, { models: false });
    warn.mockRestore();
    process.env['RUNS_DIR'] = fixture.runsDir;
  });

  afterAll(async () => {
    if (previousRunsDir === undefined) delete process.env['RUNS_DIR'];
    else process.env['RUNS_DIR'] = previousRunsDir;
    await rm(root, { recursive: true, force: true });
  });

  it('lists every run directory as a row; an unreadable run.json becomes an error row', async () => {
    const rows = await loadRunsTable();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(rows).toHaveLength(fixture.completed.length + 3);
    expect(byId.get(fixture.broken)).toMatchObject({ ok: false });
    expect(byId.get(fixture.stale)).toMatchObject({
      ok: true,
      status: 'stale',
      progress: { epoch: 2 },
    });
    const completed = byId.get(fixture.completed[0]!);
    expect(completed).toMatchObject({
      ok: true,
      status: 'completed',
      model: 'dense',
      optimizer: 'sgd',
      experiment: 'seed-study-quick-20261125-1000',
      progress: null,
      seconds: 50,
    });
    expect(completed?.ok && completed.valAccHistory).toHaveLength(4);
  });

  it('lists no row for runs/sweeps/, which holds the sweeps, not a run', async () => {
    const before = await loadRunsTable();
    await mkdir(join(fixture.runsDir, 'sweeps', 'lr-check-20261125-1000'), { recursive: true });
    const after = await loadRunsTable();
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    expect(after.map((row) => row.id)).not.toContain('sweeps');
  });

  it('reads one run with its metrics and evaluation', async () => {
    const detail = await loadRunDetail(fixture.completed[1]!);
    expect(detail).toMatchObject({
      ok: true,
      status: 'completed',
      hasModel: false,
      skippedLines: 0,
    });
    expect(detail?.ok && detail.evaluation?.confusion).toHaveLength(10);
    expect(detail?.ok && detail.lines.filter((line) => line.type === 'epoch')).toHaveLength(4);
  });

  it('reports an unreadable run instead of throwing', async () => {
    const detail = await loadRunDetail(fixture.broken);
    expect(detail).toMatchObject({ ok: false, id: fixture.broken });
    expect(detail?.ok === false && detail.error).toMatch(/run\.json/);
  });

  it('shows a broken evaluation.json and a torn metrics line without losing the run', async () => {
    const id = fixture.completed[2]!;
    await writeFile(join(fixture.runsDir, id, 'evaluation.json'), '{"testLoss": 1}');
    await appendFixtureMetrics(join(fixture.runsDir, id), '{"type":"batch","epo');
    const detail = await loadRunDetail(id);
    expect(detail).toMatchObject({ ok: true, skippedLines: 1 });
    expect(detail?.ok && detail.evaluation).toBeUndefined();
    expect(detail?.ok && detail.evaluationError).toMatch(/evaluation\.json/);
  });

  it.each(['..', '../runs', 'escape', '%2e%2e', '/etc', 'missing-run'])(
    'knows no run %j',
    async (id) => {
      expect(await loadRunDetail(id)).toBeUndefined();
      expect(await loadMetricsUpdate(id, 0)).toBeUndefined();
    },
  );

  it('hands the live view only the metrics lines it has not seen', async () => {
    const first = await loadMetricsUpdate(fixture.running, 0);
    if (first === undefined || 'ok' in first) throw new Error('running run unreadable');
    expect(first.status).toBe('running');
    await appendFixtureMetrics(join(fixture.runsDir, fixture.running), [testBatchLine(2, 9)]);
    const next = await loadMetricsUpdate(fixture.running, first.total);
    expect(next).toEqual({
      status: 'running',
      total: first.total + 1,
      lines: [expect.objectContaining({ type: 'batch', epoch: 2, batch: 9 })],
    });
    // A client ahead of the file (it was replaced) gets everything again.
    const reset = await loadMetricsUpdate(fixture.running, first.total + 50);
    expect(reset).toMatchObject({ total: first.total + 1 });
    expect(reset !== undefined && 'lines' in reset && reset.lines).toHaveLength(first.total + 1);
  });
});
