import Link from 'next/link';
import { connection } from 'next/server';
import { ErrorCard } from '../../components/error-card';
import { LineChart, type ChartSeries } from '../../components/line-chart';
import { MapMissing } from '../../components/map-missing';
import { seriesColor } from '../../components/palette';
import { TestSetMap } from '../../components/test-set-map';
import { classNamesFor } from '../../lib/class-names';
import { cachedEmbedding } from '../../lib/explanation-cache';
import { seedStudyPresets, selectedRunIds } from '../../lib/compare-presets';
import { formatDuration, formatNumber, formatPercent } from '../../lib/format';
import { loadRunDetail, loadRunsTable, runsDir, type RunDetail } from '../../lib/run-data';
import { resolveRunDir } from '../../lib/run-path';
import { epochLines } from '../../lib/run-progress';

export const metadata = { title: 'Compare runs · fashion-lab' };

interface ComparePageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const MAX_COMPARED = 10;
/** Maps are drawn for the first two runs: side by side they still fit a laptop screen. */
const MAPPED = 2;

/** Whether a run has embedding.json (a file that does not read counts as none). */
async function hasEmbedding(id: string): Promise<boolean> {
  const dir = await resolveRunDir(runsDir(), id);
  if (dir === undefined) return false;
  return (await cachedEmbedding(dir).catch(() => undefined)) !== undefined;
}

function overlay(runs: RunDetail[], key: 'valAcc' | 'valLoss' | 'loss' | 'acc'): ChartSeries[] {
  return runs.map((detail, i) => ({
    label: detail.id,
    color: seriesColor(i),
    points: epochLines(detail.lines).map((line) => ({ x: line.epoch, y: line[key] })),
  }));
}

/** Several runs side by side: overlaid curves and one metrics table; study presets one click. */
export default async function ComparePage({ searchParams }: ComparePageProps) {
  await connection();
  const ids = selectedRunIds((await searchParams)['runs']).slice(0, MAX_COMPARED);
  const rows = await loadRunsTable();
  const okRows = rows.filter((row) => row.ok).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const presets = seedStudyPresets(okRows);
  const details = await Promise.all(ids.map((id) => loadRunDetail(id)));
  const compared = details.filter((d): d is RunDetail => d !== undefined && d.ok);
  const unreadable = ids.filter((_, i) => details[i] === undefined || !details[i]?.ok);
  const mapped = compared.slice(0, MAPPED);
  const withMap = await Promise.all(mapped.map((detail) => hasEmbedding(detail.id)));

  return (
    <>
      <h1>Compare runs</h1>
      {presets.length > 0 ? (
        <div className="presets">
          {presets.map((preset) => (
            <Link
              key={preset.label}
              href={`/compare?runs=${preset.runIds.map(encodeURIComponent).join(',')}`}
              title={preset.description}
            >
              {preset.label}
            </Link>
          ))}
        </div>
      ) : null}
      <details open={compared.length === 0}>
        <summary>Pick runs ({okRows.length} available)</summary>
        <form className="picker" method="get" action="/compare">
          {okRows.map((row) => (
            <label key={row.id}>
              <input
                type="checkbox"
                name="runs"
                value={row.id}
                defaultChecked={ids.includes(row.id)}
              />{' '}
              {row.id} <span className="muted">{row.status}</span>
            </label>
          ))}
          <button type="submit">Compare</button>
        </form>
      </details>
      {unreadable.map((id) => (
        <ErrorCard
          key={id}
          title={`Run ${id}`}
          message="This run does not exist or cannot be read."
        />
      ))}
      {compared.length === 0 ? (
        <p className="muted">Pick two or more runs, or use a preset.</p>
      ) : (
        <>
          <div className="charts">
            <LineChart
              title="Validation accuracy"
              xLabel="epoch"
              series={overlay(compared, 'valAcc')}
            />
            <LineChart
              title="Validation loss"
              xLabel="epoch"
              series={overlay(compared, 'valLoss')}
            />
            <LineChart title="Training loss" xLabel="epoch" series={overlay(compared, 'loss')} />
          </div>
          <h2>Metrics</h2>
          <table className="data compare" data-testid="compare-table">
            <thead>
              <tr>
                <th>Run</th>
                <th>Model</th>
                <th>Optimizer</th>
                <th className="num">Learning rate</th>
                <th className="num">Epochs</th>
                <th className="num">Best val acc</th>
                <th className="num">Best epoch</th>
                <th className="num">Test acc</th>
                <th className="num">Test loss</th>
                <th className="num">Duration</th>
                <th>Backend</th>
                <th className="num">Params</th>
              </tr>
            </thead>
            <tbody>
              {compared.map((detail, i) => {
                const { run } = detail;
                const epochs = epochLines(detail.lines);
                const best = epochs.reduce<(typeof epochs)[number] | undefined>(
                  (top, line) => (top === undefined || line.valAcc > top.valAcc ? line : top),
                  undefined,
                );
                return (
                  <tr key={detail.id} data-run-id={detail.id}>
                    <td>
                      <span className="swatch" style={{ background: seriesColor(i) }} />{' '}
                      <Link href={`/runs/${encodeURIComponent(detail.id)}`}>{detail.id}</Link>
                    </td>
                    <td>{run.config.model}</td>
                    <td>{run.config.optimizer}</td>
                    <td className="num">{run.config.learningRate}</td>
                    <td className="num">{epochs.length}</td>
                    <td className="num">
                      {formatPercent(run.summary?.bestValAcc ?? best?.valAcc)}
                    </td>
                    <td className="num">{run.summary?.bestEpoch ?? best?.epoch ?? '—'}</td>
                    <td className="num">{formatPercent(run.summary?.testAcc)}</td>
                    <td className="num">{formatNumber(run.summary?.testLoss)}</td>
                    <td className="num">
                      {formatDuration(
                        run.summary?.seconds ?? epochs.reduce((s, e) => s + e.seconds, 0),
                      )}
                    </td>
                    <td>{run.backend}</td>
                    <td className="num">{run.params.toLocaleString('en-US')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h2>Maps of the test set</h2>
          {compared.length > MAPPED ? (
            <p className="muted">The first {MAPPED} runs picked, side by side.</p>
          ) : null}
          <div className="compare-maps">
            {mapped.map((detail, i) => (
              <section key={detail.id} data-testid="compare-map" data-run-id={detail.id}>
                <h3>
                  <span className="swatch" style={{ background: seriesColor(i) }} /> {detail.id}
                </h3>
                {withMap[i] ? (
                  <TestSetMap
                    runId={detail.id}
                    dataset={detail.run.config.dataset}
                    classNames={classNamesFor(detail.run.config.dataset)}
                  />
                ) : (
                  <MapMissing runId={detail.id} />
                )}
              </section>
            ))}
          </div>
        </>
      )}
    </>
  );
}
