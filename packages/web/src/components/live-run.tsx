'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { formatNumber, formatPercent } from '../lib/format';
import { currentEpochBatches, epochLines, runProgress } from '../lib/run-progress';
import type { MetricsUpdate } from '../lib/run-data';
import type { MetricsLine } from '../lib/run-types';
import { LineChart } from './line-chart';
import { seriesColor } from './palette';
import { RunCurves } from './run-curves';

interface LiveRunProps {
  runId: string;
  epochs: number;
  initialLines: MetricsLine[];
  initialStatus: string;
  pollMs?: number;
}

/**
 * The curves of a running run, kept current by polling /api/runs/<id>/metrics for new lines of
 * metrics.jsonl; batch lines move the progress within an epoch. When the run ends, the server
 * page is re-rendered to show its evaluation.
 */
export function LiveRun({
  runId,
  epochs,
  initialLines,
  initialStatus,
  pollMs = 1500,
}: LiveRunProps) {
  const router = useRouter();
  const [lines, setLines] = useState<MetricsLine[]>(initialLines);
  const [status, setStatus] = useState(initialStatus);
  const [pollError, setPollError] = useState<string | null>(null);
  const seen = useRef(initialLines.length);

  useEffect(() => {
    if (status !== 'running') return;
    let cancelled = false;
    const poll = async () => {
      try {
        const response = await fetch(
          `/api/runs/${encodeURIComponent(runId)}/metrics?from=${seen.current}`,
          { cache: 'no-store' },
        );
        if (!response.ok) throw new Error(`metrics request answered ${response.status}`);
        const update = (await response.json()) as MetricsUpdate;
        if (cancelled) return;
        // The server starts again from line 0 when the file got shorter (it was replaced).
        const replaced = update.total - update.lines.length === 0;
        seen.current = update.total;
        if (update.lines.length > 0) {
          setLines((previous) => (replaced ? update.lines : [...previous, ...update.lines]));
        }
        setPollError(null);
        if (update.status !== 'running') {
          setStatus(update.status);
          router.refresh();
        }
      } catch (error) {
        if (!cancelled) setPollError(error instanceof Error ? error.message : String(error));
      }
    };
    const timer = setInterval(() => void poll(), pollMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [runId, status, pollMs, router]);

  const progress = runProgress(lines, epochs);
  const batches = currentEpochBatches(lines);
  return (
    <section className="live" data-live-status={status}>
      <div className="live-progress" data-testid="live-progress">
        {progress === null ? (
          <span>Waiting for the first batch…</span>
        ) : (
          <>
            <progress value={progress.fraction} max={1} />
            <span data-testid="live-position">
              epoch {progress.epoch}/{progress.epochs}
              {progress.batches > 0 ? ` · batch ${progress.batch}/${progress.batches}` : ''}
            </span>
            <span>
              loss {formatNumber(progress.loss)} · acc {formatPercent(progress.acc)}
              {progress.samplesPerSec === null
                ? ''
                : ` · ${Math.round(progress.samplesPerSec)} samples/s`}
            </span>
          </>
        )}
        {status === 'running' ? <span className="pulse">live</span> : <span>{status}</span>}
        {pollError === null ? null : <span className="error-text">{pollError}</span>}
      </div>
      <RunCurves epochs={epochLines(lines)}>
        {batches.length > 0 ? (
          <LineChart
            title="Current epoch: batch loss"
            xLabel="batch"
            series={[
              {
                label: 'batch loss',
                color: seriesColor(2),
                points: batches.map((line) => ({ x: line.batch, y: line.loss })),
              },
            ]}
          />
        ) : null}
      </RunCurves>
    </section>
  );
}
