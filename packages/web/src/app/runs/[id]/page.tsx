import type { Evaluation, RunJson, Sample } from '@fashion-lab/run';
import { max } from 'd3-array';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ConfusionMatrix } from '../../../components/confusion-matrix';
import { ErrorCard } from '../../../components/error-card';
import { LayerTable } from '../../../components/layer-table';
import { MapMissing } from '../../../components/map-missing';
import { LiveRun } from '../../../components/live-run';
import { PerClassTable } from '../../../components/per-class-table';
import { RunCurves } from '../../../components/run-curves';
import { SampleGallery, type GalleryImage } from '../../../components/sample-gallery';
import { HeatmapControls } from '../../../components/heatmap-controls';
import { StatusBadge } from '../../../components/status-badge';
import { TestSetMap } from '../../../components/test-set-map';
import { classNamesFor } from '../../../lib/class-names';
import { formatDate, formatDuration, formatNumber, formatPercent } from '../../../lib/format';
import { sampleImageUri } from '../../../lib/sample-image-uri';
import { cachedEmbedding, cachedExplain } from '../../../lib/explanation-cache';
import { loadRunDetail } from '../../../lib/run-data';
import { resolveRunDir } from '../../../lib/run-path';
import { runsDir } from '../../../lib/run-data';
import { heatmapsByImage } from '../../../lib/sample-heatmaps';
import { epochLines, runProgress } from '../../../lib/run-progress';

interface RunPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Reads `?cell=<true>-<predicted>`; anything else selects no cell. */
function parseCell(value: string | string[] | undefined, classes: number) {
  const match = typeof value === 'string' ? /^(\d{1,2})-(\d{1,2})$/.exec(value) : null;
  if (match === null) return undefined;
  const label = Number(match[1]);
  const predicted = Number(match[2]);
  return label < classes && predicted < classes ? { label, predicted } : undefined;
}

type HeatmapIndex = ReadonlyMap<number, ReadonlyMap<number, string>>;

function toImage(sample: Sample, heatmaps: HeatmapIndex): GalleryImage {
  const heat = heatmaps.get(sample.index);
  return {
    index: sample.index,
    label: sample.label,
    predicted: sample.predicted,
    confidence: sample.probs[sample.predicted] ?? 0,
    src: sampleImageUri(sample.pixels),
    ...(heat === undefined
      ? {}
      : { heat: { predicted: heat.get(sample.predicted), label: heat.get(sample.label) } }),
  };
}

const byConfidence = (a: Sample, b: Sample) =>
  (b.probs[b.predicted] ?? 0) - (a.probs[a.predicted] ?? 0);

function ConfigList({ run }: { run: RunJson }) {
  const entries = Object.entries(run.config).map(([key, value]) => [
    key,
    typeof value === 'object' ? JSON.stringify(value) : String(value),
  ]);
  return (
    <dl className="config">
      {entries.map(([key, value]) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      <dt>backend used</dt>
      <dd data-testid="backend">{run.backend}</dd>
      {Object.entries(run.versions).map(([name, version]) => (
        <div key={name} style={{ display: 'contents' }}>
          <dt>{name}</dt>
          <dd>{version}</dd>
        </div>
      ))}
    </dl>
  );
}

function EvaluationSection({
  runId,
  evaluation,
  classNames,
  cell,
  heatmaps,
  explained,
  map,
}: {
  runId: string;
  evaluation: Evaluation;
  classNames: readonly string[];
  cell: { label: number; predicted: number } | undefined;
  heatmaps: HeatmapIndex;
  explained: boolean;
  map: { dataset: string } | undefined;
}) {
  const toShown = (sample: Sample) => toImage(sample, heatmaps);
  const correct = evaluation.samples.filter((s) => s.label === s.predicted);
  // Two per class keeps every class in the correct gallery.
  const correctShown = classNames.flatMap((_, label) =>
    correct.filter((s) => s.label === label).slice(0, 2),
  );
  const wrongShown = evaluation.samples
    .filter((s) => s.label !== s.predicted)
    .sort(byConfidence)
    .slice(0, 24);
  const cellSamples =
    cell === undefined
      ? []
      : evaluation.samples.filter((s) => s.label === cell.label && s.predicted === cell.predicted);
  const base = `/runs/${encodeURIComponent(runId)}`;
  return (
    <>
      <h2>Confusion matrix</h2>
      <p className="muted">
        Rows: true class; columns: predicted. Click a cell to see its test images.
      </p>
      <div className="evaluation">
        <ConfusionMatrix
          confusion={evaluation.confusion}
          classNames={classNames}
          selected={cell}
          cellHref={(label, predicted) => `${base}?cell=${label}-${predicted}#cell`}
        />
        <PerClassTable
          perClass={evaluation.perClass}
          confusion={evaluation.confusion}
          classNames={classNames}
        />
      </div>
      <h2>Map of the test set</h2>
      {map === undefined ? (
        <MapMissing runId={runId} />
      ) : (
        <TestSetMap runId={runId} dataset={map.dataset} classNames={classNames} cell={cell} />
      )}
      <HeatmapControls runId={runId} available={explained}>
        {cell === undefined ? null : (
          <section
            id="cell"
            data-testid="cell-gallery"
            data-cell={`${cell.label}-${cell.predicted}`}
          >
            <h2>
              True {classNames[cell.label]}, predicted {classNames[cell.predicted]}:{' '}
              {evaluation.confusion[cell.label]?.[cell.predicted] ?? 0} test images{' '}
              <Link href={base} scroll={false} className="muted">
                (close)
              </Link>
            </h2>
            <SampleGallery
              images={cellSamples.map(toShown)}
              classNames={classNames}
              empty="No test image falls in this cell."
            />
          </section>
        )}
        <h2>Correct</h2>
        <SampleGallery
          images={correctShown.map(toShown)}
          classNames={classNames}
          empty="None kept."
        />
        <h2>Misclassified, most confident first</h2>
        <SampleGallery
          images={wrongShown.map(toShown)}
          classNames={classNames}
          empty="No mistakes among the kept samples."
        />
      </HeatmapControls>
    </>
  );
}

/** The browser tab shows which run this is. */
export async function generateMetadata({ params }: Pick<RunPageProps, 'params'>) {
  const { id } = await params;
  return { title: `${id} · fashion-lab` };
}

/** One run: summary, config, layers, curves (live while running), evaluation and mistakes. */
export default async function RunPage({ params, searchParams }: RunPageProps) {
  await connection();
  const { id } = await params;
  const detail = await loadRunDetail(id);
  if (detail === undefined) notFound();
  if (!detail.ok) {
    return (
      <>
        <h1>{detail.id}</h1>
        <ErrorCard title="This run cannot be read" message={detail.error} />
      </>
    );
  }
  const { run, status, lines, evaluation } = detail;
  const runDir = await resolveRunDir(runsDir(), detail.id);
  // Optional files: a damaged one costs its feature, never the page.
  const explain =
    runDir === undefined ? undefined : await cachedExplain(runDir).catch(() => undefined);
  const embedding =
    runDir === undefined ? undefined : await cachedEmbedding(runDir).catch(() => undefined);
  const classNames = classNamesFor(run.config.dataset);
  const cell = parseCell((await searchParams)['cell'], classNames.length);
  const epochs = epochLines(lines);
  const summary = run.summary;
  return (
    <>
      <h1>
        {run.runId} <StatusBadge status={status} progress={runProgress(lines, run.config.epochs)} />
      </h1>
      {run.experiment === undefined ? null : <p className="muted">experiment {run.experiment}</p>}
      {status === 'stale' ? (
        <ErrorCard
          title="Stale run"
          message={`run.json says running, but its process (pid ${run.pid}) is gone or its heartbeat (${formatDate(run.heartbeatAt)}) is over a minute old. It can be resumed from its last checkpoint.`}
        />
      ) : null}
      {run.error === undefined ? null : <ErrorCard title="The run failed" message={run.error} />}
      <div className="cards">
        <div className="card">
          <span className="value">{formatPercent(summary?.testAcc)}</span>
          <span className="label">
            test accuracy
            {summary?.testAccWithoutTta === undefined
              ? null
              : ` (${formatPercent(summary.testAccWithoutTta)} without test-time flips)`}
          </span>
        </div>
        <div className="card">
          <span className="value">{formatNumber(summary?.testLoss)}</span>
          <span className="label">test loss</span>
        </div>
        <div className="card">
          <span className="value">
            {formatPercent(summary?.bestValAcc ?? max(epochs, (e) => e.valAcc) ?? null)}
          </span>
          <span className="label">
            best val acc{summary ? ` (epoch ${summary.bestEpoch})` : ''}
          </span>
        </div>
        <div className="card">
          <span className="value">
            {formatDuration(summary?.seconds ?? epochs.reduce((sum, e) => sum + e.seconds, 0))}
          </span>
          <span className="label">training time</span>
        </div>
        <div className="card">
          <span className="value">{run.backend}</span>
          <span className="label">backend</span>
        </div>
        <div className="card">
          <span className="value">{run.params.toLocaleString('en-US')}</span>
          <span className="label">parameters</span>
        </div>
      </div>

      <h2>Reproduce</h2>
      <pre className="command" data-testid="reproduce">
        <code>{run.command}</code>
      </pre>

      <h2>Curves</h2>
      {detail.skippedLines > 0 ? (
        <p className="muted">{detail.skippedLines} unreadable line(s) of metrics.jsonl skipped.</p>
      ) : null}
      {detail.metricsError === undefined ? null : (
        <ErrorCard title="metrics.jsonl cannot be read" message={detail.metricsError} />
      )}
      {status === 'running' ? (
        <LiveRun
          runId={detail.id}
          epochs={run.config.epochs}
          initialLines={lines}
          initialStatus={status}
        />
      ) : (
        <RunCurves epochs={epochs} />
      )}

      {evaluation !== undefined ? (
        <EvaluationSection
          runId={detail.id}
          evaluation={evaluation}
          classNames={classNames}
          cell={cell}
          heatmaps={explain === undefined ? new Map() : heatmapsByImage(explain)}
          explained={explain !== undefined}
          map={embedding === undefined ? undefined : { dataset: run.config.dataset }}
        />
      ) : detail.evaluationError !== undefined ? (
        <ErrorCard title="evaluation.json cannot be read" message={detail.evaluationError} />
      ) : (
        <p className="muted">No evaluation yet: it is written when the run completes.</p>
      )}

      {detail.hasModel ? (
        <p>
          <Link href={`/try?run=${encodeURIComponent(detail.id)}`}>
            Try this model in the browser →
          </Link>
        </p>
      ) : null}

      <h2>Configuration</h2>
      <ConfigList run={run} />
      <p className="muted">
        created {formatDate(run.createdAt)} · updated {formatDate(run.updatedAt)}
      </p>

      <h2>Layers</h2>
      <LayerTable layers={run.layers} params={run.params} />
    </>
  );
}
