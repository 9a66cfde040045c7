import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import {
  SCENARIO_EXPERIMENT,
  SCENARIO_TEST_PER_CLASS,
  writeReportScenario,
} from './fixtures/report-scenario.test-support.js';
import { tinyDataset } from './fixtures/tiny-dataset.test-support.js';
import { loadReportData } from './node/load-report-data.js';
import type { ReportData } from './report-data.js';

/** Set UPDATE_GOLDEN=1 to rewrite the golden file after an intended change; review its diff. */
const GOLDEN = new URL('./__fixtures__/report.golden', import.meta.url);

let dir: string;
let data: ReportData;
let html: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-golden-'));
  await writeReportScenario(dir);
  data = await loadReportData({
    runsDir: dir,
    loadDataset: async () => tinyDataset(SCENARIO_TEST_PER_CLASS),
  });
  html = buildReport(data);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildReport', () => {
  it('matches the golden report for the fixture runs', async () => {
    if (process.env['UPDATE_GOLDEN'] === '1') await writeFile(GOLDEN, html);
    expect(html).toBe(await readFile(GOLDEN, 'utf8'));
  });

  it('is byte-identical when built again from a fresh read of the same runs', async () => {
    const again = await loadReportData({
      runsDir: dir,
      loadDataset: async () => tinyDataset(SCENARIO_TEST_PER_CLASS),
    });
    expect(buildReport(again)).toBe(html);
  });

  it('has every section, in the order of the story', () => {
    const ids = [...html.matchAll(/<section id="([^"]+)">/g)].map((match) => match[1]);
    expect(ids).toEqual([
      'dataset',
      'summary',
      'optimizers',
      'models',
      'best-run',
      'map',
      'layers',
      'environment',
      'reproduce',
      'problems',
    ]);
  });

  it('answers the study question from the data and highlights the best run', () => {
    expect(html).toContain(
      '<p class="answer">The regularized CNN with Adam at learning rate 0.0005 is best at',
    );
    expect(html.match(/<tr class="best">/g)).toHaveLength(1);
    expect(html).toMatch(
      /<tr class="best"><td><span class="mono run-id"><span class="keep">20261125-212600-<\/span><span class="keep">cnn-regularized-adam<\/span><\/span><br><span class="badge">best run<\/span>/,
    );
  });

  it('gives the accuracy without test-time flips under that of a run that used them', () => {
    expect(html).toMatch(
      /<td class="num">\d+\.\d%<br><abbr class="muted note" title="test accuracy without test-time flips">\d+\.\d% without flips<\/abbr><\/td>/,
    );
  });

  it('draws the charts the story needs', () => {
    const charts = (kind: string) =>
      html.match(new RegExp(`<svg class="chart ${kind}"`, 'g'))?.length ?? 0;
    // 2 optimizer charts + 2 per model (dense, cnn, regularized CNN).
    expect(charts('line-chart')).toBe(8);
    expect(charts('heatmap')).toBe(1);
    expect(charts('dot-chart')).toBe(1);
    expect(charts('bar-chart')).toBe(1);
    expect(charts('embedding-map')).toBe(1);
    const optimizerSection = html.slice(
      html.indexOf('<section id="optimizers">'),
      html.indexOf('<section id="models">'),
    );
    expect(optimizerSection.match(/<path class="series/g)).toHaveLength(8);
    for (const label of ['SGD', 'RMSProp', 'Adam', 'Nadam'])
      expect(optimizerSection).toContain(`>${label}</text>`);
  });

  it('embeds images only as PNG data URIs and loads nothing from anywhere', () => {
    // <img src> in the page, <image href> in the map's SVG.
    const sources = [...html.matchAll(/\s(?:src|href)="(?!#)([^"]*)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.every((source) => source.startsWith('data:image/png;base64,'))).toBe(true);
    expect(html.match(/<image [^>]*href="data:image\/png;base64,/g)?.length).toBeGreaterThan(30);
    expect(html).not.toMatch(/<script|<link|@import|url\(/);
    const urls = html.match(/https?:\/\/[^\s"']+/g) ?? [];
    expect(urls).toEqual(urls.filter((url) => url === 'http://www.w3.org/2000/svg'));
  });

  it('keeps the dates to the runs own and leaves out the older experiment', () => {
    expect(html).toContain('Runs started between 2026-11-25 21:01 UTC and 2026-11-25 22:45 UTC.');
    expect(html).not.toContain('20261124-090000-dense-sgd');
    expect(html).toContain(`experiment ${SCENARIO_EXPERIMENT} (6 runs) and 4 single runs`);
  });
});
