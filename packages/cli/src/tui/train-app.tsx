import { Box, Static, Text } from 'ink';
import { formatCount } from '../format.js';
import { outcomeLines } from '../outcome-lines.js';
import { EpochTableHeader, EpochTableRow } from './epoch-table.js';
import { FinalResult } from './final-result.js';
import { MetricCharts } from './metric-charts.js';
import { ProgressBar } from './progress-bar.js';
import { ProgressPanel } from './progress-panel.js';
import { RunHeader } from './run-header.js';
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
      return <EpochTableRow row={item.row} epochs={item.epochs} bestLabel="best so far" />;
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

/** The part of the screen that is redrawn: charts, bars and the key hint (or the loading line). */
export function LiveArea({
  store,
  width,
  height,
}: {
  store: TuiStore;
  width: number;
  height: number;
}) {
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
  return (
    <Box flexDirection="column" marginTop={1}>
      {height >= 10 && (
        <MetricCharts
          rows={progress.rows}
          smoothedBatchLoss={progress.smoothedBatchLoss}
          width={width}
          height={Math.min(14, height - 6)}
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
 * as ink's jest example does), the charts and bars below are redrawn at most 10 times a second.
 * It reads the mutable store on every render: the mount re-renders it when the store publishes.
 */
export function TrainApp({ store, classNames, onInterrupt, interactive = false }: TrainAppProps) {
  const { width, height } = useScreen(onInterrupt, interactive);
  return (
    <>
      <Static items={[...store.staticItems]}>
        {(item) => <StaticBlock key={item.key} item={item} store={store} classNames={classNames} />}
      </Static>
      <LiveArea store={store} width={width} height={height} />
    </>
  );
}
