import { Box, Text } from 'ink';
import { sweepResults, sweepSentence, type SweepJson, type SweepTrial } from '@fashion-lab/run';
import { formatDuration } from '../format.js';
import { barText } from './progress-bar.js';
import { answerReady, configRows, type ConfigRow } from './sweep-config-rows.js';
import { sweepLayout } from './sweep-layout.js';
import type { SweepStore } from './sweep-store.js';
import { fitCell, trialDetail, type TrialDetail } from './sweep-trial-row.js';
import { moreLine, trialCounts, trialWindow } from './trial-window.js';
import { useScreen, type InterruptSource } from './use-screen.js';
import { wrappedRows } from './wrapped-rows.js';

/** Props of SweepApp. */
export interface SweepAppProps {
  store: SweepStore;
  onInterrupt?: (source: InterruptSource) => void;
  interactive?: boolean;
}

/** Columns of the detail cell: "test 87.12%  best val 88.00%" and "epoch 2/5 ██████░░░░  45%". */
const DETAIL_WIDTH = 28;
const STATE_WIDTH = 9;
const STATE_COLORS: Record<SweepTrial['state'], string | undefined> = {
  pending: undefined,
  running: 'cyan',
  paused: 'yellow',
  completed: 'green',
  failed: 'red',
  pruned: 'gray',
};

/** A state's color prop (none for pending). */
function stateColor(state: SweepTrial['state']): { color?: string } {
  const color = STATE_COLORS[state];
  return color === undefined ? {} : { color };
}

/** The trials table's column widths: the config column as wide as the keys, within `width`. */
function columns(sweep: SweepJson, width: number) {
  const number = Math.max(2, String(sweep.trials.length).length);
  const seed = Math.max(4, ...sweep.trials.map((trial) => String(trial.seed).length));
  const keys = Math.max(6, ...sweep.trials.map((trial) => trial.configKey.length));
  const room = width - (number + 2) - (seed + 3) - (STATE_WIDTH + 1) - DETAIL_WIDTH;
  return { number, seed, config: Math.max(8, Math.min(keys, room)) };
}

/** Columns of the per-config block: mark, config, test, best val, n. */
const STAT_WIDTH = 15;
function configColumn(rows: readonly ConfigRow[], width: number): number {
  const keys = Math.max(6, ...rows.map((row) => row.configKey.length));
  return Math.max(8, Math.min(keys, width - 2 - 2 * (STAT_WIDTH + 2) - 8));
}

function ConfigLine({ row, config }: { row: ConfigRow; config: number }) {
  return (
    <Text wrap="truncate-end">
      {row.best ? <Text color="green">★ </Text> : '  '}
      {`${fitCell(row.configKey, config)}  ${row.test.padEnd(STAT_WIDTH)}  ${row.bestVal.padEnd(STAT_WIDTH)}  ${row.n}`}
    </Text>
  );
}

function Detail({ detail }: { detail: TrialDetail }) {
  if (detail.kind === 'text') return <Text dimColor>{fitCell(detail.text, DETAIL_WIDTH)}</Text>;
  if (detail.kind === 'worker') {
    // The last column: a long host name is cut by the row at the screen's edge, not here.
    const epoch = detail.epoch ? `epoch ${detail.epoch.epoch}/${detail.epoch.epochs} ` : '';
    return (
      <Text>
        {epoch}
        <Text dimColor>on</Text> <Text color="cyan">{detail.worker}</Text>
      </Text>
    );
  }
  const { epoch, epochs, fraction } = detail.progress;
  const label = `epoch ${epoch}/${epochs}`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const { filled, empty } = barText(fraction, Math.max(4, DETAIL_WIDTH - label.length - 6));
  return (
    <Text>
      {label} <Text color="cyan">{filled}</Text>
      <Text dimColor>{empty}</Text> {percent}
    </Text>
  );
}

function TrialRow({
  trial,
  sweep,
  store,
  width,
}: {
  trial: SweepTrial;
  sweep: SweepJson;
  store: SweepStore;
  width: number;
}) {
  const widths = columns(sweep, width);
  const detail = trialDetail(
    trial,
    sweep,
    store.runs.get(trial.runId),
    store.live.get(trial.trial),
    store.queueEpochs.get(trial.trial),
  );
  return (
    <Text wrap="truncate-end">
      {`${String(trial.trial + 1).padStart(widths.number)}  ${fitCell(trial.configKey, widths.config)} `}
      {`${String(trial.seed).padStart(widths.seed)}  `}
      <Text {...stateColor(trial.state)}>{fitCell(trial.state, STATE_WIDTH)}</Text>{' '}
      <Detail detail={detail} />
    </Text>
  );
}

function LiveSweep({
  store,
  sweep,
  width,
  rows,
}: {
  store: SweepStore;
  sweep: SweepJson;
  width: number;
  rows: number;
}) {
  const results = sweepResults(sweep.trials, store.runs.values());
  const sentence = answerReady(results) ? sweepSentence(results) : undefined;
  const layout = sweepLayout(rows, {
    trials: sweep.trials.length,
    configs: results.configs.length,
    sentenceRows: sentence === undefined ? 0 : wrappedRows(sentence, width),
  });
  const window = trialWindow(sweep.trials, layout.trialRows, store.changedAt);
  const configs = configRows(results, layout.configRows);
  const widths = columns(sweep, width);
  const configWidth = configColumn(configs.rows, width);
  const rungs = sweep.rungs ? ` · halving rungs at ${sweep.rungs.join(', ')} epochs` : '';
  const heading =
    `${'#'.padStart(widths.number)}  ${fitCell('config', widths.config)} ${'seed'.padStart(widths.seed)}  ` +
    `${fitCell('state', STATE_WIDTH)} progress / result`;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>sweep {sweep.spec.name}</Text> · {sweep.sweepId} · elapsed{' '}
        {formatDuration(store.clock.wallMs() / 1000)}
      </Text>
      <Text wrap="truncate-end">
        {trialCounts(sweep.trials)}
        {rungs}
        {store.queue === undefined ? '' : ` · queue ${store.queue}`}
      </Text>
      <Text> </Text>
      <Text dimColor wrap="truncate-end">
        {heading}
      </Text>
      {window.shown.map((trial) => (
        <TrialRow key={trial.trial} trial={trial} sweep={sweep} store={store} width={width} />
      ))}
      {window.hidden > 0 && (
        <Text dimColor wrap="truncate-end">
          {moreLine(window)}
        </Text>
      )}
      <Text> </Text>
      <Text dimColor wrap="truncate-end">
        {`  ${fitCell('config', configWidth)}  ${'test acc'.padEnd(STAT_WIDTH)}  ${'best val'.padEnd(STAT_WIDTH)}  ★ best`}
      </Text>
      {configs.rows.map((row) => (
        <ConfigLine key={row.configKey} row={row} config={configWidth} />
      ))}
      {configs.hidden > 0 && <Text dimColor>{`  +${configs.hidden} more configs`}</Text>}
      {layout.sentence && sentence !== undefined && (
        <Box width={width}>
          <Text>{sentence}</Text>
        </Box>
      )}
      {store.phase === 'stopping' ? (
        <Text color="yellow" wrap="truncate-end">
          Stopping the running trials after this batch… (Ctrl-C again quits at once)
        </Text>
      ) : (
        <Text dimColor wrap="truncate-end">
          {store.queue === undefined
            ? 'q or Ctrl-C: stop the sweep (its trials stay resumable)'
            : 'q or Ctrl-C: stop waiting (the workers go on with the trials)'}
        </Text>
      )}
    </Box>
  );
}

/**
 * The sweep screen, drawn from sweep.json snapshots and, for trials trained here, their live
 * progress: the header with counts by state, the trials table windowed to the terminal, per
 * config mean ± std as seeds complete with the best marked, the answer sentence once two
 * configs have two seeds each. For a queued sweep (`store.queue`) the header names the queue and
 * running trials their worker. Nothing once done (the command prints the final lines).
 */
export function SweepApp({ store, onInterrupt, interactive = false }: SweepAppProps) {
  const { width, rows } = useScreen(onInterrupt, interactive);
  const { sweep } = store;
  if (store.phase === 'done') return null;
  return sweep === undefined ? (
    <Text color="cyan">Reading the sweep…</Text>
  ) : (
    <LiveSweep store={store} sweep={sweep} width={width} rows={rows} />
  );
}
