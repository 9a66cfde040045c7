import { render } from 'ink-testing-library';
import type { TrainingEvent } from '@fashion-lab/run';
import { updateSweep } from '@fashion-lab/run/node';
import {
  testBatchLine,
  testEpochLine,
  testRunJson,
  writeFixtureRun,
} from '@fashion-lab/run/testing';
import { parseQueueUrl } from '@fashion-lab/sweep-queue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRunEvents, fakeRunStart } from '../fake-run.test-support.js';
import { plainFrame as plain } from './plain-frame.test-support.js';
import { readQueueEpochs } from './queue-trial-epochs.js';
import { resizeTerminal } from './resize-terminal.test-support.js';
import { SweepApp } from './sweep-app.js';
import { showSnapshot } from './sweep-screen.js';
import { SweepStore } from './sweep-store.js';
import { SweepTrialReporter } from './sweep-trial-reporter.js';
import { HALVING_TRIALS, sweepOnDisk } from './sweep.test-support.js';
import type { TerminalSize } from './use-screen.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

/** A 12-trial sweep on disk and the sweep screen on a terminal of `size`, with a settable clock. */
async function mountOn(size: TerminalSize, options: { onInterrupt?: () => void } = {}) {
  const disk = await sweepOnDisk();
  const clock = { ms: 0 };
  const store = new SweepStore(() => clock.ms);
  const element = () => (
    <SweepApp
      store={store}
      interactive
      {...(options.onInterrupt ? { onInterrupt: options.onInterrupt } : {})}
    />
  );
  const app = render(element());
  store.subscribe(() => app.rerender(element()));
  await resizeTerminal(app.stdout, size);
  cleanups.push(async () => {
    store.dispose();
    app.unmount();
    await disk.remove();
  });
  return { disk, store, app, clock };
}

/** Feeds training events of one trial as core would call its reporter. */
async function train(store: SweepStore, trial: number, events: TrainingEvent[]): Promise<void> {
  const reporter = new SweepTrialReporter(store, store.startTrial(trial));
  for (const event of events) {
    if (event.type === 'run-start') await reporter.onRunStart(event);
    if (event.type === 'epoch-start') await reporter.onEpochStart(event);
    if (event.type === 'batch') await reporter.onBatchEnd(event);
    if (event.type === 'epoch') await reporter.onEpochEnd(event);
  }
  store.publish();
}

/** The first `batches` batch events of epoch 2 after epoch 1 of the fake run (4 batches an epoch). */
function intoEpochTwo(batches: number): TrainingEvent[] {
  const events = fakeRunEvents(2);
  const epochTwo = events.findIndex((event) => event.type === 'epoch-start' && event.epoch === 2);
  return events.slice(0, epochTwo + 1 + batches);
}

/** What a terminal `rows` high shows of a frame: its last lines above the cursor's line. */
function screenLines(frame: string | undefined, rows: number): string[] {
  const lines = plain(frame).split('\n');
  expect(lines.length + 1).toBeLessThanOrEqual(rows);
  return lines;
}

/** Three trials completed (configs 1 and 2), trials 4 and 5 running here (5 not started yet). */
async function midSweep(mounted: Awaited<ReturnType<typeof mountOn>>) {
  const { disk, store } = mounted;
  await disk.complete(0, 0.9, 0.91);
  await disk.complete(1, 0.92, 0.93);
  await disk.complete(2, 0.93, 0.94);
  await showSnapshot(store, await disk.setStates({ 3: 'running', 4: 'running' }), disk.runsDir);
  await train(store, 3, intoEpochTwo(2));
  // Trial 5 is about to train here: its reporter exists, its run has not started.
  store.startTrial(4);
  store.publish();
}

describe('SweepApp', () => {
  it('reads "Reading the sweep…" before the first snapshot', async () => {
    const { app } = await mountOn({ columns: 80, rows: 24 });
    expect(plain(app.lastFrame())).toContain('Reading the sweep…');
  });

  it('fits 80x24 with 12 trials: running and latest trials first, "+N more", mean ± std per config, the best marked', async () => {
    const mounted = await mountOn({ columns: 80, rows: 24 });
    const { store, app, clock } = mounted;
    await midSweep(mounted);
    clock.ms = 65_000;
    store.publish();
    const lines = screenLines(app.lastFrame(), 24);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    const frame = lines.join('\n');
    expect(lines[0]).toBe('sweep lr-check · lr-check-20261125-210412 · elapsed 1m05s');
    expect(lines[1]).toBe('12 trials: 2 running, 3 completed, 7 pending');
    expect(frame).toMatch(
      / 4 {2}learningRate=0\.001 optimizer=…\s+2 {2}running {3}epoch 2\/3 [█▏▎▍▌▋▊▉]+░+ {2}50%/,
    );
    expect(frame).toMatch(/ 5 {2}learningRate=0\.003 optimizer=…\s+1 {2}running {3}starting…/);
    expect(frame).toMatch(
      / 3 {2}learningRate=0\.001 optimizer=…\s+1 {2}completed test 93\.00% {2}best val 94\.00%/,
    );
    // Running first, then the trials that ended latest, and the rest counted.
    const rowNumbers = lines
      .map((line) => /^\s*(\d+) {2}learningRate/.exec(line)?.[1])
      .filter((n) => n !== undefined);
    expect(rowNumbers.slice(0, 5)).toEqual(['4', '5', '3', '2', '1']);
    expect(frame).toMatch(/\+\d+ more \(\d+ pending\)/);
    expect(frame).toMatch(/^ {2}config +test acc +best val +★ best$/m);
    expect(frame).toMatch(
      /^ {2}learningRate=0\.001 optimizer=adam +91\.00% ± 1\.41 +92\.00% ± 1\.41 +n = 2$/m,
    );
    expect(frame).toMatch(/^★ learningRate=0\.001 optimizer=nadam +93\.00% +94\.00% +n = 1$/m);
    expect(frame).toMatch(/^ {2}learningRate=0\.01 optimizer=nadam +-- +-- +n = 0$/m);
    // One config has two seeds: too early for the answer.
    expect(frame).not.toContain('Best:');
    expect(lines.at(-1)).toBe('q or Ctrl-C: stop the sweep (its trials stay resumable)');
  });

  it('shows every trial in order at 120x40 and the answer once two configs have two seeds', async () => {
    const mounted = await mountOn({ columns: 120, rows: 40 });
    const { disk, store, app } = mounted;
    await midSweep(mounted);
    await showSnapshot(store, await disk.complete(3, 0.94, 0.95), disk.runsDir);
    store.publish();
    const lines = screenLines(app.lastFrame(), 40);
    const frame = lines.join('\n');
    const rowNumbers = lines
      .map((line) => /^\s*(\d+) {2}learningRate/.exec(line)?.[1])
      .filter((n) => n !== undefined);
    expect(rowNumbers).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(frame).not.toContain('more (');
    expect(frame).toMatch(
      / 4 {2}learningRate=0\.001 optimizer=nadam\s+2 {2}completed test 94\.00%/,
    );
    expect(frame).toMatch(
      /^★ learningRate=0\.001 optimizer=nadam +93\.50% ± 0\.71 +94\.50% ± 0\.71 +n = 2$/m,
    );
    // The sentence wraps at the screen's width; read as one line it is the summary's own.
    expect(frame.replace(/\n/g, ' ')).toContain(
      'Best: learningRate=0.001 optimizer=nadam at 93.50% ± 0.71 (n = 2); its lead of 2.50 points over ' +
        "learningRate=0.001 optimizer=adam (91.00% ± 1.41, n = 2) is within the noise (Welch's t-test, p = 0.2).",
    );
  });

  it('follows a sweep from sweep.json snapshots alone, as while waiting on a queue', async () => {
    const { disk, store, app } = await mountOn({ columns: 80, rows: 24 });
    await showSnapshot(store, await disk.setStates({ 0: 'running', 1: 'running' }), disk.runsDir);
    let frame = plain(app.lastFrame());
    expect(frame).toContain('12 trials: 2 running, 10 pending');
    expect(frame).toMatch(/^ 1 {2}learningRate=0\.001 optimizer=…\s+1 {2}running\s*$/m);
    await disk.complete(0, 0.9, 0.91);
    await showSnapshot(store, await disk.complete(1, 0.92, 0.93), disk.runsDir);
    store.publish();
    frame = plain(app.lastFrame());
    expect(frame).toContain('12 trials: 2 completed, 10 pending');
    expect(frame).toMatch(/ 2 {2}learningRate=0\.001 optimizer=…\s+2 {2}completed test 92\.00%/);
    expect(frame).toMatch(
      /^★ learningRate=0\.001 optimizer=adam +91\.00% ± 1\.41 +92\.00% ± 1\.41 +n = 2$/m,
    );
  });

  it('follows a queued sweep: the queue in the header without its password, each running trial its worker and epoch, a key hint that stops only the waiting', async () => {
    const { disk, store, app } = await mountOn({ columns: 80, rows: 24 });
    store.queue = parseQueueUrl('redis://:queue-secret@10.0.0.7:6379', '--queue').shown;
    const [first] = disk.sweep.trials;
    await writeFixtureRun(disk.runsDir, {
      run: testRunJson({ runId: first!.runId }),
      metrics: [testEpochLine(1), testBatchLine(2, 4)],
    });
    // As a queue worker records its trials in sweep.json: state and "host:pid".
    const sweep = await updateSweep(disk.dir, (current) => ({
      ...current,
      trials: current.trials.map((trial) =>
        trial.trial < 2
          ? { ...trial, state: 'running', worker: `node-${trial.trial}:4242` }
          : trial,
      ),
    }));
    await showSnapshot(store, sweep, disk.runsDir);
    await readQueueEpochs(store, disk.runsDir);
    store.publish();
    const lines = screenLines(app.lastFrame(), 24);
    const frame = lines.join('\n');
    expect(lines[1]).toBe('12 trials: 2 running, 10 pending · queue redis://10.0.0.7:6379');
    expect(frame).not.toContain('queue-secret');
    expect(frame).toMatch(
      /^ 1 {2}learningRate=0\.001 optimizer=…\s+1 {2}running {3}epoch 2\/3 on node-0:4242$/m,
    );
    // Trial 2's worker has not written an epoch yet.
    expect(frame).toMatch(
      /^ 2 {2}learningRate=0\.001 optimizer=…\s+2 {2}running {3}on node-1:4242$/m,
    );
    expect(lines.at(-1)).toBe('q or Ctrl-C: stop waiting (the workers go on with the trials)');
  });

  it('redraws for the new size when the terminal is resized', async () => {
    const mounted = await mountOn({ columns: 80, rows: 24 });
    const { app } = mounted;
    await midSweep(mounted);
    expect(plain(app.lastFrame())).toMatch(/\+\d+ more/);
    await resizeTerminal(app.stdout, { columns: 120, rows: 40 });
    const lines = screenLines(app.lastFrame(), 40);
    expect(lines.join('\n')).not.toMatch(/\+\d+ more/);
    expect(lines.join('\n')).toContain('learningRate=0.003 optimizer=adam ');
    await resizeTerminal(app.stdout, { columns: 80, rows: 24 });
    screenLines(app.lastFrame(), 24);
  });

  it('shows halving rungs, a trial training to its rung, and paused and pruned trials', async () => {
    const disk = await sweepOnDisk(HALVING_TRIALS);
    cleanups.push(disk.remove);
    const store = new SweepStore();
    const app = render(<SweepApp store={store} />);
    store.subscribe(() => app.rerender(<SweepApp store={store} />));
    cleanups.push(async () => {
      store.dispose();
      app.unmount();
    });
    const sweep = await updateSweep(disk.dir, (current) => ({
      ...current,
      trials: current.trials.map((trial) =>
        trial.trial === 0
          ? { ...trial, state: 'paused', rungBestValAcc: [0.85] }
          : trial.trial === 1
            ? { ...trial, state: 'pruned', rungBestValAcc: [0.8] }
            : trial.trial === 2
              ? { ...trial, state: 'running' }
              : trial,
      ),
    }));
    await showSnapshot(store, sweep, disk.runsDir);
    await train(store, 2, [fakeRunStart(), { type: 'epoch-start', epoch: 1, epochs: 3 }]);
    const frame = plain(app.lastFrame());
    expect(frame).toContain(
      '12 trials: 1 running, 1 paused, 1 pruned, 9 pending · halving rungs at 1, 3 epochs',
    );
    expect(frame).toMatch(
      / 1 {2}learningRate=0\.001 optimizer=adam\s+1 {2}paused {4}at rung 1\/2 {2}best val 85\.00%/,
    );
    expect(frame).toMatch(
      / 2 {2}learningRate=0\.001 optimizer=adam\s+2 {2}pruned {4}at rung 1\/2 {2}best val 80\.00%/,
    );
    // Rung 1 is one epoch: the bar fills to it, not to the trial's 3 epochs.
    expect(frame).toMatch(
      / 3 {2}learningRate=0\.001 optimizer=nadam\s+1 {2}running {3}epoch 1\/1 ░+ {3}0%/,
    );
  });

  it('says it is stopping after q and clears its live area when done', async () => {
    const onInterrupt = vi.fn();
    const mounted = await mountOn({ columns: 80, rows: 24 }, { onInterrupt });
    const { store, app } = mounted;
    await midSweep(mounted);
    app.stdin.write('q');
    expect(onInterrupt).toHaveBeenCalledWith('q');
    store.phase = 'stopping';
    store.publish();
    expect(plain(app.lastFrame())).toContain(
      'Stopping the running trials after this batch… (Ctrl-C again quits at once)',
    );
    store.phase = 'done';
    store.publish();
    // The live area is gone; the command prints the final lines after the screen let go.
    expect(plain(app.lastFrame())).toBe('');
  });
});
