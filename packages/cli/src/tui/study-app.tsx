import { Box, Static, Text } from 'ink';
import { formatDuration, formatPercent } from '../format.js';
import type { OutcomeLine } from '../outcome-lines.js';
import { ComparisonTable } from './comparison-table.js';
import { fitCharts } from './live-layout.js';
import { MetricCharts } from './metric-charts.js';
import { OutcomeFooter } from './outcome-footer.js';
import { ProgressPanel } from './progress-panel.js';
import { configLabel, StudyOverview } from './study-overview.js';
import type { StaticItem, TuiStore } from './tui-store.js';
import { useScreen, type InterruptSource } from './use-screen.js';

/** Props of StudyApp. */
export interface StudyAppProps {
  store: TuiStore;
  onInterrupt?: (source: InterruptSource) => void;
  interactive?: boolean;
}

function StudyBlock({
  item,
  store,
  outcome,
}: {
  item: StaticItem;
  store: TuiStore;
  outcome: readonly OutcomeLine[];
}) {
  if (item.kind === 'study-run') {
    const { entry } = item;
    const summary = entry.summary;
    return (
      <Text>
        <Text
          color={
            entry.state === 'completed' ? 'green' : entry.state === 'failed' ? 'red' : 'yellow'
          }
        >
          {entry.state === 'completed' ? '✓' : entry.state === 'failed' ? '✗' : '■'}
        </Text>{' '}
        {configLabel(entry)}
        {summary
          ? `test acc ${formatPercent(summary.testAcc)} · ${formatDuration(summary.seconds)} · ${entry.runId ?? ''}`
          : `${entry.state} · ${entry.runId ?? ''}`}
      </Text>
    );
  }
  if (item.kind === 'study-result') {
    return (
      <Box flexDirection="column" marginTop={1}>
        <ComparisonTable entries={store.study ?? []} />
        <Box marginTop={1}>
          <OutcomeFooter
            lines={outcome}
            {...(store.renderCost ? { renderCost: store.renderCost } : {})}
          />
        </Box>
      </Box>
    );
  }
  return null;
}

/**
 * The study screen: a finished-run log and the final comparison printed once; redrawn below it
 * the overview of every run (queued / running / done with accuracy) and the current run's charts.
 */
export function StudyApp({ store, onInterrupt, interactive = false }: StudyAppProps) {
  const { width, rows } = useScreen(onInterrupt, interactive);
  const entries = store.study ?? [];
  const { progress } = store;
  // Rows left for the charts under the overview (its border, title and one line a run), at most 12.
  const charts = fitCharts(Math.min(12, rows - entries.length - 3 - 6), progress.rows.length > 0);
  return (
    <>
      <Static items={[...store.staticItems]}>
        {(item) => (
          <StudyBlock key={item.key} item={item} store={store} outcome={store.outcome ?? []} />
        )}
      </Static>
      {store.phase !== 'done' && (
        <Box flexDirection="column">
          <StudyOverview
            experiment={store.experiment ?? ''}
            entries={entries}
            progress={progress}
          />
          {progress.start && (charts.epochChartHeight > 0 || charts.batchChartHeight > 0) && (
            <MetricCharts
              rows={progress.rows}
              smoothedBatchLoss={progress.smoothedBatchLoss}
              width={width}
              {...charts}
            />
          )}
          {progress.start ? (
            <ProgressPanel progress={progress} width={width} />
          ) : (
            <Text color="cyan">Preparing the next run…</Text>
          )}
          {store.phase === 'stopping' ? (
            <Text color="yellow">Stopping after this batch… (Ctrl-C again quits at once)</Text>
          ) : (
            <Text dimColor>q or Ctrl-C: stop the study (the current run stays resumable)</Text>
          )}
        </Box>
      )}
    </>
  );
}
