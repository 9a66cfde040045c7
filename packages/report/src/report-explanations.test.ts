import { decodeBase64 } from '@fashion-lab/run';
import { writeFixtureRun, type FixtureRunContents } from '@fashion-lab/run/testing';
import { interpolateTurbo, rgb } from 'd3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import {
  fixtureEmbedding,
  fixtureExplain,
  fixtureHeat,
} from './fixtures/fixture-explanations.test-support.js';
import {
  fixtureEvaluation,
  fixtureRunFiles,
  fixtureRunId,
  type FixtureRun,
} from './fixtures/fixture-runs.js';
import { tinyDataset } from './fixtures/tiny-dataset.test-support.js';
import { loadReportData } from './node/load-report-data.js';

const RUN: FixtureRun = {
  model: 'cnn-regularized',
  optimizer: 'adam',
  learningRate: 0.0005,
  epochs: 3,
  finalValAcc: 0.92,
  createdAt: '2026-11-25T21:26:00.000Z',
  seed: 6,
};
const RUN_ID = fixtureRunId(RUN);
const evaluation = fixtureEvaluation(RUN);
const dataset = tinyDataset(30);

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-explanations-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The report of one run written with these optional files, and what the loader found wrong. */
async function reportWith(name: string, files: FixtureRunContents, withDataset = true) {
  const runsDir = join(dir, name);
  await writeFixtureRun(runsDir, { ...fixtureRunFiles(RUN), ...files });
  const data = await loadReportData({
    runsDir,
    loadDataset: async () => {
      if (!withDataset) throw new Error('the dataset is not here.');
      return dataset;
    },
  });
  return { html: buildReport(data), data };
}

/** The part of the report between two headings (or to the section's end). */
function between(html: string, from: string, to: string): string {
  const start = html.indexOf(from);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(to, start));
}

function decodePng(uri: string) {
  return PNG.sync.read(Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64'));
}

/** The reference blend: half the gray image, half d3's Turbo color of the heat value. */
function expectedBlend(image: Uint8Array, heat: Uint8Array): number[] {
  return [...image].flatMap((gray, i) => {
    const color = rgb(interpolateTurbo(heat[i]! / 255));
    return [color.r, color.g, color.b].map((channel) => Math.round((gray + channel) / 2));
  });
}

describe('the report with explain.json', () => {
  let html: string;
  beforeAll(async () => {
    ({ html } = await reportWith('explained', { explain: fixtureExplain(evaluation) }));
  });

  it('shows each mistake beside its heatmaps for the predicted and the true class, by both methods', () => {
    const mistakes = between(html, '<h3>Misclassified</h3>', '</section>');
    const figures = mistakes.match(/<figure class="explained">.*?<\/figure>/g) ?? [];
    expect(figures.length).toBeGreaterThan(6);
    const first = figures[0]!;
    const index = Number(/alt="test image (\d+), a /.exec(first)![1]);
    const sample = evaluation.samples.find((item) => item.index === index)!;
    expect(sample.label).not.toBe(sample.predicted);
    const heats = [...first.matchAll(/<img class="pixels heat" src="([^"]+)" alt="([^"]+)"/g)];
    const names = dataset.classNames;
    expect(heats.map((match) => match[2])).toEqual([
      `Grad-CAM heatmap of test image ${index} for ${names[sample.predicted]}`,
      `Grad-CAM heatmap of test image ${index} for ${names[sample.label]}`,
      `SmoothGrad heatmap of test image ${index} for ${names[sample.predicted]}`,
      `SmoothGrad heatmap of test image ${index} for ${names[sample.label]}`,
    ]);
    const image = decodeBase64(sample.pixels);
    const rgbOf = (png: ReturnType<typeof decodePng>) =>
      [...png.data].filter((_, i) => i % 4 !== 3);
    const predicted = decodePng(heats[0]![1]!);
    expect([predicted.width, predicted.height, predicted.colorType]).toEqual([28, 28, 2]);
    expect(rgbOf(predicted)).toEqual(expectedBlend(image, fixtureHeat(sample.predicted)));
    expect(rgbOf(decodePng(heats[1]![1]!))).toEqual(
      expectedBlend(image, fixtureHeat(sample.label)),
    );
    expect(first).toContain(
      `<figcaption>predicted ${names[sample.predicted]}, true ${names[sample.label]}<br>`,
    );
    expect(first).toMatch(/<br>\d+\.\d%<br>rows: Grad-CAM, SmoothGrad<\/figcaption>/);
    expect(first).toContain('<span class="head">predicted</span><span class="head">true</span>');
  });

  it('gives the correct gallery the heatmap of its class, and a color scale for both', () => {
    const correct = between(html, '<h3>Correctly classified</h3>', '<h3>Misclassified</h3>');
    expect(correct).toContain('<svg class="heat-legend"');
    const figures = correct.match(/<figure class="explained">.*?<\/figure>/g) ?? [];
    expect(figures).toHaveLength(30);
    for (const figure of figures) {
      // One row: the image, then its class's heatmap by each method.
      expect(figure).toContain(
        '<span class="head">image</span><span class="head">Grad-CAM</span><span class="head">SmoothGrad</span>',
      );
      expect(figure.match(/class="pixels heat"/g)).toHaveLength(2);
    }
    expect(between(html, '<section id="best-run">', '</section>')).not.toContain('cli:explain');
  });

  it('marks a heatmap the file lacks instead of dropping the image', async () => {
    const mistakes = between(html, '<h3>Misclassified</h3>', '</section>');
    const index = Number(/alt="test image (\d+), a /.exec(mistakes)![1]);
    const wrong = evaluation.samples.find((sample) => sample.index === index)!;
    const explain = fixtureExplain(evaluation);
    // Keep the others: a run whose explain.json covers only some heatmaps still shows them all.
    explain.heatmaps = explain.heatmaps.filter(
      (heatmap) => !(heatmap.index === wrong.index && heatmap.class === wrong.label),
    );
    const { html: partial } = await reportWith('partial', { explain });
    const name = dataset.classNames[wrong.label]!;
    for (const method of ['Grad-CAM', 'SmoothGrad']) {
      expect(partial).toContain(
        `<span class="no-heat" title="no ${method} heatmap of test image ${index} for ${name}">none</span>`,
      );
    }
    expect(partial).toContain(
      `alt="Grad-CAM heatmap of test image ${index} for ${dataset.classNames[wrong.predicted]}"`,
    );
  });
});

describe('the report without explain.json or embedding.json', () => {
  it('shows the galleries as before and says how to compute heatmaps and the map', async () => {
    const { html } = await reportWith('plain', {});
    expect(html).not.toContain('class="pixels heat"');
    expect(html).toContain('<div class="gallery"><figure><img class="pixels"');
    expect(html).toContain(
      `This run has no saliency heatmaps yet; compute them (and the map of the test set) with <code>npx nx run cli:explain -- ${RUN_ID}</code>.`,
    );
    expect(between(html, '<section id="map">', '</section>')).toContain(
      `The best run has no map of the test set yet; compute it (and the heatmaps) with <code>npx nx run cli:explain -- ${RUN_ID}</code>.`,
    );
  });

  it('names a damaged explain.json in a notice and under "Not shown", and still builds', async () => {
    const { html, data } = await reportWith('damaged', { explain: '{"heatmaps": [' });
    expect(data.problems).toEqual([
      { dir: RUN_ID, reason: expect.stringMatching(/^explain\.json is not valid JSON/) },
    ]);
    expect(html).toMatch(
      /<p class="notice">Its heatmaps could not be read: explain\.json is not valid JSON/,
    );
    expect(html).toContain('<section id="problems">');
  });
});

describe('the map of the test set', () => {
  const embedding = fixtureEmbedding(dataset.test.labels);
  const predicted = decodeBase64(embedding.predicted!);
  const mistakes = [...dataset.test.labels].filter((label, i) => label !== predicted[i]).length;

  it('colors the points by true class, crosses the mistakes and labels every class', async () => {
    const { html } = await reportWith('map', { embedding });
    const map = between(html, '<section id="map">', '</section>');
    expect(mistakes).toBeGreaterThan(0);
    expect(map).toContain(`>misclassified (${mistakes})</text>`);
    expect(map.match(/class="cluster-label"/g)).toHaveLength(10);
    // Three sprites a class, each a test image of that class.
    const sprites = [...map.matchAll(/<title>test image (\d+), a ([^<]+)<\/title>/g)];
    expect(sprites).toHaveLength(30);
    for (const [, index, name] of sprites) {
      expect(dataset.classNames[dataset.test.labels[Number(index)]!]).toBe(name);
    }
    expect(map).toContain('Color is the true class, a cross marks a misclassified image');
    expect(map).toContain('computed in 38s');
  });

  it('falls back to the predicted classes when the dataset is not found', async () => {
    const { html } = await reportWith('map-no-dataset', { embedding }, false);
    const map = between(html, '<section id="map">', '</section>');
    expect(map).toContain('Color is the predicted class (the test labels were not found');
    expect(map).not.toContain('class="sprite"');
    expect(map).not.toContain('misclassified (');
    expect(map.match(/class="cluster-label"/g)).toHaveLength(10);
  });

  it('is byte-identical when built twice', async () => {
    const first = await reportWith('map-a', { embedding, explain: fixtureExplain(evaluation) });
    const second = await reportWith('map-b', { embedding, explain: fixtureExplain(evaluation) });
    expect(second.html).toBe(first.html);
  });
});
