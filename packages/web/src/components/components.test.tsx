import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix';
import { ProbabilityBars } from './probability-bars';
import type { RunRow } from '../lib/run-row';
import { testRunRow } from '../lib/run-row.test-support';
import { RUNS_PER_PAGE } from '../lib/first-page';
import { RunsTable } from './runs-table';
import { SampleGallery } from './sample-gallery';
import { StatusBadge } from './status-badge';

const names = ['T-shirt/top', 'Trouser', 'Pullover'];

describe('ConfusionMatrix', () => {
  const confusion = [
    [5, 1, 0],
    [0, 6, 0],
    [2, 0, 4],
  ];

  it('links every cell to its (true, predicted) drill-down and marks the selected one', () => {
    const html = renderToStaticMarkup(
      <ConfusionMatrix
        confusion={confusion}
        classNames={names}
        selected={{ label: 2, predicted: 0 }}
        cellHref={(label, predicted) => `/runs/r?cell=${label}-${predicted}`}
      />,
    );
    const cells = [...html.matchAll(/href="\/runs\/r\?cell=(\d)-(\d)"[^>]*>(\d+)</g)];
    expect(cells).toHaveLength(9);
    expect(cells.map((m) => `${m[1]}${m[2]}:${m[3]}`)).toContain('20:2');
    expect(html.match(/class="selected"/g)).toHaveLength(1);
    expect(html).toMatch(/class="selected"[^>]*><a data-cell="2-0"/);
  });
});

describe('SampleGallery', () => {
  it('shows each image with its pair, marks mistakes, and says so when empty', () => {
    const html = renderToStaticMarkup(
      <SampleGallery
        classNames={names}
        empty="nothing"
        images={[
          { index: 7, label: 2, predicted: 0, confidence: 0.81, src: 'data:image/png;base64,AA' },
          { index: 9, label: 1, predicted: 1, confidence: 0.99, src: 'data:image/png;base64,AB' },
        ]}
      />,
    );
    expect(html).toContain('data-label="2" data-predicted="0" class="wrong"');
    expect(html).toContain('Pullover → T-shirt/top');
    expect(html).toContain('data-label="1" data-predicted="1" class="correct"');
    expect(html).toContain('81%');
    expect(
      renderToStaticMarkup(<SampleGallery classNames={names} empty="nothing" images={[]} />),
    ).toContain('nothing');
  });
});

describe('ProbabilityBars', () => {
  it('draws one bar per class, as wide as its probability, highlighting the most likely', () => {
    const html = renderToStaticMarkup(
      <ProbabilityBars probabilities={[0.1, 0.7, 0.2]} classNames={names} />,
    );
    expect(html.match(/<li/g)).toHaveLength(3);
    expect(html).toContain('class="best" data-probability="0.7"');
    expect(html).toContain('width:70.0%');
  });
});

describe('StatusBadge', () => {
  it('shows progress for a running run', () => {
    const html = renderToStaticMarkup(
      <StatusBadge
        status="running"
        progress={{
          epoch: 2,
          epochs: 4,
          batch: 5,
          batches: 10,
          fraction: 0.375,
        }}
      />,
    );
    expect(html).toContain('epoch 2/4 · batch 5/10 · 38%');
  });

  it('explains a stale run', () => {
    expect(renderToStaticMarkup(<StatusBadge status="stale" />)).toContain('resumable');
  });
});

describe('RunsTable', () => {
  const runRow = (id: string): RunRow =>
    testRunRow(id, { bestValAcc: 0.85, testAcc: 0.84, seconds: 65, valAccHistory: [0.8, 0.85] });

  it('draws only the first page of many runs, newest first, and says which rows it shows', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `20261125-${String(i).padStart(6, '0')}-x`);
    const newestFirst = [...ids].reverse();
    const drawn = (html: string) =>
      [...html.matchAll(/<tr data-run-id="([^"]+)"/g)].map((m) => m[1]);

    const all = renderToStaticMarkup(<RunsTable firstPage={ids.map(runRow)} total={120} />);
    expect(drawn(all)).toEqual(newestFirst.slice(0, RUNS_PER_PAGE));
    expect(all).toContain('120 of 120 runs');
    expect(all).toContain(`1–${RUNS_PER_PAGE} of 120, page 1 of 3`);

    // What the server sends: the first page only, the rest comes from /api/runs.
    const first = newestFirst.slice(0, RUNS_PER_PAGE);
    const partial = renderToStaticMarkup(<RunsTable firstPage={first.map(runRow)} total={120} />);
    expect(drawn(partial)).toEqual(first);
    expect(partial).toContain('loading all 120 runs…');
    expect(partial).toContain(`1–${RUNS_PER_PAGE} of 120, page 1 of 3`);
  });

  it('renders readable runs newest first and unreadable ones with their error', () => {
    const html = renderToStaticMarkup(
      <RunsTable
        total={2}
        firstPage={[
          { ok: false, id: '20261125-090000-dense-sgd', error: 'run.json is not valid JSON' },
          {
            ...runRow('20261125-100000-dense-adam'),
            experiment: 'seed-study-20261125-1000',
          },
        ]}
      />,
    );
    expect(html.indexOf('20261125-100000-dense-adam')).toBeLessThan(
      html.indexOf('20261125-090000-dense-sgd'),
    );
    expect(html).toContain('href="/runs/20261125-100000-dense-adam"');
    expect(html).toContain('84.0%');
    expect(html).toContain('1m 05s');
    expect(html).toContain('run.json is not valid JSON');
    expect(html).toContain('2 of 2 runs');
  });
});
