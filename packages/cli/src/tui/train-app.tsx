import { Box, Static, Text } from 'ink';
import { useMemo } from 'react';
import { formatCount } from '../format.js';
import { outcomeLines } from '../outcome-lines.js';
import { BEST_SO_FAR, EpochTableHeader, EpochTableRow } from './epoch-table.js';
import { FinalResult } from './final-result.js';
import { fitLiveArea } from './live-layout.js';
import { MetricCharts } from './metric-charts.js';
import { printedRows } from './printed-rows.js';
import { ProgressBar } from './progress-bar.js';
import { ProgressPanel } from './progress-panel.js';
import { RunHeader, RunIdLine } from './run-header.js';
import type { StaticItem, TuiStore } from './tui-store.js';
import { useScreen, type InterruptSource } from './use-screen.js';

/** Props of TrainApp. */
export interface TrainAppProps {
  store: TuiStore;
  classNames: readonly string[];
  /** Called on `q` / Ctrl-C; the command aborts training (or exits on the second). */
  onInterrupt?: (source: InterruptSource) => void;
  /** Listen to keys (only when stdin is a terminal). */
  interactive?: boolean;
}

/** One printed-once block of the screen. */
function StaticBlock({
  item,
  store,
  classNames,
}: {
  item: StaticItem;
  store: TuiStore;
  classNames: readonly string[];
}) {
  const { progress } = store;
  switch (item.kind) {
    case 'header':
      return progress.start ? <RunHeader start={progress.start} /> : null;
    case 'table-head':
      return <EpochTableHeader />;
    case 'epoch':
      return <EpochTableRow row={item.row} epochs={item.epochs} bestLabel={BEST_SO_FAR} />;
    case 'result':
      return (
        <FinalResult
          evaluation={progress.evaluation}
          classNames={classNames}
          lines={outcomeLines(progress, store.runDir, store.locations)}
          {...(store.renderCost ? { renderCost: store.renderCost } : {})}
        />
      );
    default:
      return null;
  }
}

/**
 * The part of the screen that is redrawn: charts, bars and the key hint (or the loading line),
 * fitted to the `rows` left under the printed blocks.
 */
export function LiveArea({ store, width, rows }: { store: TuiStore; width: number; rows: number }) {
  const { progress, phase, download } = store;
  if (phase === 'done') return null;
  if (!progress.start) {
    return (
      <Box flexDirection="column">
        <Text color="cyan">Loading the dataset and preparing the model…</Text>
        {download && (
          <ProgressBar
            label={`downloading ${download.file}`}
            fraction={download.totalBytes ? download.receivedBytes / download.totalBytes : 0}
            width={Math.max(10, width - download.file.length - 40)}
            detail={`${formatCount(download.receivedBytes / 1024)} KiB`}
          />
        )}
      </Box>
    );
  }
  const layout = fitLiveArea(rows, progress.rows.length > 0);
  return (
    <Box flexDirection="column" marginTop={layout.gap ? 1 : 0}>
      {layout.runIdLine && <RunIdLine start={progress.start} />}
      {(layout.epochChartHeight > 0 || layout.batchChartHeight > 0) && (
        <MetricCharts
          rows={progress.rows}
          smoothedBatchLoss={progress.smoothedBatchLoss}
          width={width}
          epochChartHeight={layout.epochChartHeight}
          batchChartHeight={layout.batchChartHeight}
        />
      )}
      <ProgressPanel progress={progress} width={width} />
      {phase === 'stopping' ? (
        <Text color="yellow">Stopping after this batch… (Ctrl-C again quits at once)</Text>
      ) : (
        <Text dimColor>q or Ctrl-C: stop and save a resumable checkpoint</Text>
      )}
    </Box>
  );
}

/**
 * The training screen: the header, table rows and final result go to <Static> (printed once,
 * as ink's jest example does), the charts and bars below are redrawn at most 10 times a second,
 * sized so that everything printed since the header still fits the terminal (redrawn on resize).
 * It reads the mutable store on every render: the mount re-renders it when the store publishes.
 */
export function TrainApp({ store, classNames, onInterrupt, interactive = false }: TrainAppProps) {
  const { width, columns, rows } = useScreen(onInterrupt, interactive);
  const { staticItems, progress } = store;
  // Printed blocks only grow (and the header comes once), so their count says when to re-measure.
  const printed = useMemo(
    () => printedRows(staticItems, progress.start, columns),
    [staticItems.length, progress.start, columns],
  );
  return (
    <>
      <Static items={[...staticItems]}>
        {(item) => <StaticBlock key={item.key} item={item} store={store} classNames={classNames} />}
      </Static>
      {/* The cursor rests on the line under the live area: one row fewer to draw on. */}
      <LiveArea store={store} width={width} rows={rows - 1 - printed} />
    </>
  );
}
