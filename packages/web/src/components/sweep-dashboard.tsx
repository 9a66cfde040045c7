'use client';

import { useMemo, useState } from 'react';
import { brushedTrials, type Brush, type Brushes } from '../lib/brush-filter';
import type { SweepView } from '../lib/sweep-view';
import { ParallelCoordinates, PLOT_BOTTOM, PLOT_TOP } from './parallel-coordinates';
import { SweepProgress } from './sweep-progress';
import { SweepTrialsTable } from './sweep-trials-table';
import { useSweepView } from './use-sweep-view';

/**
 * The live part of a sweep page: its answer, progress, the parallel-coordinates plot and the
 * table of the brushed trials, refreshed while the sweep runs.
 */
export function SweepDashboard({ initial }: { initial: SweepView }) {
  const { view, error } = useSweepView(initial);
  const [brushes, setBrushes] = useState<Brushes>({});
  const selected = useMemo(
    () => brushedTrials(view.trials, view.axes, brushes, PLOT_TOP, PLOT_BOTTOM),
    [view, brushes],
  );
  const selectedIds = useMemo(() => new Set(selected.map((trial) => trial.runId)), [selected]);
  const brushed = Object.keys(brushes).length;

  const onBrush = (axisKey: string, brush: Brush | null) =>
    setBrushes((current) => {
      const next = { ...current };
      if (brush === null) delete next[axisKey];
      else next[axisKey] = brush;
      return next;
    });

  return (
    <>
      <p className="answer" data-testid="sweep-sentence">
        {view.sentence}
      </p>
      {error === null ? null : <p className="error-text">{error}</p>}
      <SweepProgress counts={view.counts} trials={view.trials} live={view.live} />
      <h2>Trials from hyperparameters to accuracy</h2>
      <ParallelCoordinates
        axes={view.axes}
        trials={view.trials}
        selected={selectedIds}
        brushes={brushes}
        onBrush={onBrush}
      />
      <h2>By config</h2>
      <p className="muted" data-testid="brushed-count">
        {brushed === 0
          ? `All ${view.trials.length} trials.`
          : `${selected.length} of ${view.trials.length} trials in the brushes; each config's statistics stay over all of its completed trials.`}{' '}
        {brushed === 0 ? null : (
          <button type="button" onClick={() => setBrushes({})}>
            Clear brushes
          </button>
        )}
      </p>
      <SweepTrialsTable
        configs={view.configs}
        trials={selected}
        bestConfigKey={view.bestConfigKey}
      />
    </>
  );
}
