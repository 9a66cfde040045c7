import type { ReactNode } from 'react';
import type { EpochEvent } from '../lib/run-types';
import { LineChart } from './line-chart';
import { seriesColor } from './palette';

/**
 * Loss and accuracy per epoch, training against validation, side by side; `children` (the live
 * view's batch chart) joins the same row.
 */
export function RunCurves({
  epochs,
  children,
}: {
  epochs: readonly EpochEvent[];
  children?: ReactNode;
}) {
  if (epochs.length === 0) {
    return (
      <div className="charts">
        {children}
        <p className="muted">No epoch finished yet.</p>
      </div>
    );
  }
  const curve = (key: 'loss' | 'acc' | 'valLoss' | 'valAcc') =>
    epochs.map((line) => ({ x: line.epoch, y: line[key] }));
  return (
    <div className="charts">
      {children}
      <LineChart
        title="Loss"
        xLabel="epoch"
        series={[
          { label: 'train loss', color: seriesColor(0), points: curve('loss') },
          { label: 'val loss', color: seriesColor(1), points: curve('valLoss') },
        ]}
      />
      <LineChart
        title="Accuracy"
        xLabel="epoch"
        series={[
          { label: 'train acc', color: seriesColor(0), points: curve('acc') },
          { label: 'val acc', color: seriesColor(1), points: curve('valAcc') },
        ]}
      />
    </div>
  );
}
