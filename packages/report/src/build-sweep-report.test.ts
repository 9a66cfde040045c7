import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSweep } from '@fashion-lab/run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSweepReport } from './build-sweep-report.js';
import {
  FIXTURE_ERROR,
  FIXTURE_SWEEP_SPEC,
  SWEEP_STARTED,
  writeFixtureSweep,
} from './fixtures/sweep-fixture.test-support.js';
import { loadSweepReportData } from './node/load-sweep-report-data.js';

let dir: string;
let sweepId: string;
let html: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-sweep-'));
  sweepId = (await writeFixtureSweep(dir)).sweepId;
  html = buildSweepReport(await loadSweepReportData({ runsDir: dir, sweepId }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The HTML of one section. */
function sectionHtml(id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

/** A cell's text without its markup. */
function plain(cell: string): string {
  return cell.replace(/<[^>]*>/g, '');
}

/** The rows of a section's table body, each as its cells' HTML. */
function bodyRows(id: string): string[][] {
  const body = /<tbody>(.*?)<\/tbody>/.exec(sectionHtml(id))![1]!;
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]!),
  );
}

describe('buildSweepReport', () => {
  it('tells the story in order: spec, figure, configs, trials, best trial', () => {
    const ids = [...html.matchAll(/<section id="([^"]+)">/g)].map((match) => match[1]);
    expect(ids).toEqual(['spec', 'figure', 'configs', 'trials', 'best-trial']);
    expect(html).toContain('<title>fashion-lab sweep: lr-opt</title>');
    expect(html).toContain(`: 12 trials: 10 completed, 1 failed, 1 pruned.</p>`);
  });

  it('answers with the best config, its mean ± std and 95% CI, and Welch’s p against the runner-up', () => {
    // By hand: adam at 0.001 scores 0.90, 0.91, 0.92 (mean 0.91, sd 0.01, CI 0.91 ± 4.303 ×
    // 0.01/√3); the runner-up, adam at 0.01, 0.86, 0.87 (mean 0.865, sd 0.00707); Welch's
    // t = 0.045 / √(0.01²/3 + 0.00707²/2) = 5.89 on 2.88 df, two-sided p = 0.0109 (scipy).
    expect(html).toContain(
      '<p class="answer">Best: learningRate=0.001 optimizer=adam at 91.00% ± 1.00 (n = 3); ' +
        'its lead of 4.50 points over learningRate=0.01 optimizer=adam (86.50% ± 0.71, n = 2) ' +
        'is larger than the noise (Welch&#39;s t-test, p = 0.011). ' +
        'The 95% confidence interval of its mean test accuracy is 88.52% to 93.48%.</p>',
    );
  });

  it('shows the spec: base, space, seeds, halving and its rungs', () => {
    const spec = sectionHtml('spec');
    expect(spec).toContain('<code>model=dense epochs=3 limit=2000</code>');
    expect(spec).toContain('Space: <code>learningRate</code></td><td>0.001, 0.01 (grid)');
    expect(spec).toContain('Space: <code>optimizer</code></td><td>adam, sgd (grid)');
    expect(spec).toContain('<td>Seeds</td><td>1, 2, 3</td>');
    expect(spec).toContain('first rung after 1 epoch, the best 1/3 go on; rungs at epochs 1, 3');
    expect(spec).toContain('<td>Started</td><td>2026-11-26 09:30 UTC</td>');
  });

  it('lists every config ranked, with n, mean ± std and the 95% CI in numbers', () => {
    expect(bodyRows('configs').map((cells) => cells.slice(0, 4).map(plain))).toEqual([
      [
        'learningRate=0.001 optimizer=adambest config',
        '3 of 3',
        '91.00% ± 1.00',
        '88.52% – 93.48%',
      ],
      ['learningRate=0.01 optimizer=adam', '2 of 3', '86.50% ± 0.71', '80.15% – 92.85%'],
      ['learningRate=0.01 optimizer=sgd', '2 of 3', '84.50% ± 0.71', '78.15% – 90.85%'],
      ['learningRate=0.001 optimizer=sgd', '3 of 3', '82.00% ± 2.00', '77.03% – 86.97%'],
    ]);
    expect(bodyRows('configs').map((cells) => plain(cells[5]!))).toEqual([
      '91.50% ± 1.00',
      '87.00% ± 0.71',
      '85.00% ± 0.71',
      '82.50% ± 2.00',
    ]);
    expect(sectionHtml('configs').match(/<tr class="best">/g)).toHaveLength(1);
    expect(bodyRows('configs')[0]![0]).toContain('<span class="badge">best config</span>');
  });

  it('draws each config’s error bar at its CI bounds on one shared scale', () => {
    // The scale runs from 77% (the lowest bound, 77.03%) to 94% (the highest, 93.48%) onto
    // 8..192 px, so x = 8 + (value − 0.77) / 0.17 × 184.
    const bars = bodyRows('configs').map((cells) => {
      const ci = /<line class="ci" x1="([\d.]+)" x2="([\d.]+)"/.exec(cells[4]!)!;
      const mean = /<circle class="mean" cx="([\d.]+)"/.exec(cells[4]!)!;
      return [Number(ci[1]), Number(mean[1]), Number(ci[2])];
    });
    expect(bars).toEqual([
      [132.6, 159.5, 186.4],
      [42.1, 110.8, 179.6],
      [20.4, 89.2, 157.9],
      [8.3, 62.1, 115.9],
    ]);
    expect(sectionHtml('configs')).toMatch(
      /<svg class="interval-axis"[^]*>80%<\/text>[^]*>90%<\/text>/,
    );
  });

  it('draws one line per completed trial through the axes in order, the learning rate on a log scale', () => {
    const figure = sectionHtml('figure');
    const axes = [...figure.matchAll(/data-axis="([^"]+)" data-scale="([^"]+)"/g)].map(
      (match) => `${match[1]}:${match[2]}`,
    );
    expect(axes).toEqual([
      'learningRate:log',
      'optimizer:point',
      'seed:point',
      'testAcc:linear',
      'bestValAcc:linear',
    ]);
    expect(figure.match(/<polyline class="trial[ "]/g)).toHaveLength(10);
    // The best config's three trials are highlighted (over a halo), drawn after the others.
    expect(figure.match(/<polyline class="trial best"/g)).toHaveLength(3);
    expect(figure.match(/<polyline class="halo"/g)).toHaveLength(3);
    expect(figure.lastIndexOf('<polyline class="trial"')).toBeLessThan(
      figure.indexOf('<polyline class="halo"'),
    );
  });

  it('places a trial’s line at its values: axes 210 px apart, accuracy on 80%..93%', () => {
    // Plot 72..912 px wide, 36..336 px high. Rate 0.001 is the log axis's bottom; adam the lower of
    // two points (336 − 75); seed 1 the lowest of three (336 − 50); test 0.90 and best val 0.905
    // at 336 − (value − 0.80) / 0.13 × 300.
    expect(sectionHtml('figure')).toContain(
      '<polyline class="trial best" points="72,336 282,261 492,286 702,105.2 912,93.7" style="stroke:',
    );
    expect(sectionHtml('figure')).toMatch(
      /<polyline class="trial best" points="72,336 [^"]*"[^>]*><title>trial \d+: learningRate=0.001 optimizer=adam, seed 1<\/title>/,
    );
  });

  it('shows pruned and failed trials as such in the trials table, with their epochs', () => {
    const rows = bodyRows('trials');
    expect(rows).toHaveLength(12);
    const failed = rows.find((cells) => cells[3]!.includes('state-failed'))!;
    expect(failed[3]).toContain(FIXTURE_ERROR);
    expect(failed.slice(4, 7)).toEqual(['2 of 3', '–', '71.0%']);
    const pruned = rows.find((cells) => cells[3]!.includes('state-pruned'))!;
    expect(pruned[3]).toContain('pruned</span> <span class="muted">at epoch 1</span>');
    expect(pruned.slice(4, 7)).toEqual(['1 of 3', '–', '70.0%']);
    expect(rows.filter((cells) => cells[3]!.includes('state-completed'))).toHaveLength(10);
  });

  it('ends with the best trial’s curves', () => {
    expect(sectionHtml('best-trial')).toContain('Trial 2 (seed 3) of the best config');
    expect(sectionHtml('best-trial').match(/<svg class="chart line-chart"/g)).toHaveLength(2);
  });

  it('is byte-identical built again from a fresh read, and loads nothing', async () => {
    const again = buildSweepReport(await loadSweepReportData({ runsDir: dir, sweepId }));
    expect(again).toBe(html);
    expect(html).not.toMatch(/<script|<link|@import|url\(|href="(?!#)/);
    expect(html).not.toContain(dir);
  });

  it('still builds a sweep with no completed trial, and says so', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'report-sweep-empty-'));
    try {
      const { sweep } = await createSweep(empty, FIXTURE_SWEEP_SPEC, { now: SWEEP_STARTED });
      const page = buildSweepReport(
        await loadSweepReportData({ runsDir: empty, sweepId: sweep.sweepId }),
      );
      expect(page).toContain('No trial has completed yet, so there is no best config.');
      expect(page).toContain('No trial has completed yet, so there is no line to draw.');
      expect(page).toContain('12 trials: 12 pending');
      expect(page).not.toContain('<section id="best-trial">');
      expect(page).not.toContain('<section id="problems">');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
