import { render } from 'ink-testing-library';
import { plainFrame as plain } from './plain-frame.test-support.js';
import { describe, expect, it } from 'vitest';
import { FAKE_CONFIG, fakeRunEvents, fakeRunJson } from '../fake-run.test-support.js';
import { studyOutcomeLines } from '../study-outcome.js';
import { comparisonLines } from './comparison-table.js';
import { StudyApp } from './study-app.js';
import { TuiReporter } from './tui-reporter.js';
import { TuiStore, type StudyEntry } from './tui-store.js';

function entries(): StudyEntry[] {
  const sgd = { ...FAKE_CONFIG, optimizer: 'sgd' as const, learningRate: 0.01 };
  return [
    {
      config: sgd,
      state: 'completed',
      runId: 'r-sgd',
      summary: { testLoss: 0.5, testAcc: 0.84, bestValAcc: 0.85, bestEpoch: 3, seconds: 62 },
      run: fakeRunJson('r-sgd', {
        config: sgd,
        summary: { testLoss: 0.5, testAcc: 0.84, bestValAcc: 0.85, bestEpoch: 3, seconds: 62 },
      }),
    },
    { config: FAKE_CONFIG, state: 'running' },
    { config: { ...FAKE_CONFIG, model: 'cnn' }, state: 'queued' },
  ];
}

function mount(study: StudyEntry[]) {
  const store = new TuiStore();
  store.study = study;
  store.experiment = 'seed-study-quick-20261126-0100';
  const element = () => <StudyApp store={store} />;
  const app = render(element());
  store.subscribe(() => app.rerender(element()));
  return { store, app };
}

describe('StudyApp', () => {
  it('shows every run as queued, running (with its progress) or done with its accuracy', () => {
    const { store, app } = mount(entries());
    const reporter = new TuiReporter(store, false);
    for (const event of fakeRunEvents(1)) {
      if (event.type === 'run-start') reporter.onRunStart(event);
      if (event.type === 'batch') reporter.onBatchEnd(event);
      if (event.type === 'epoch') reporter.onEpochEnd(event);
    }
    store.publish();
    const frame = plain(app.lastFrame());
    expect(frame).toContain('study seed-study-quick-20261126-0100  1/3 done');
    expect(frame).toMatch(/✓ dense\s+sgd\s+lr 0\.01\s+test acc 84\.00%\s+best val 85\.00%\s+1m02s/);
    expect(frame).toMatch(/▶ dense\s+adam\s+lr 0\.001\s+epoch 1\/3 \S+ 33%/);
    expect(frame).toMatch(/· cnn\s+adam\s+lr 0\.001\s+queued/);
    expect(frame).toContain('batch loss (smoothed)');
    // A study keeps each run's epoch rows off the printed log.
    expect(frame).not.toMatch(/epoch\s+loss\s+acc\s+val loss/);
    app.unmount();
  });

  it('ends with the comparison table, the best run marked, and what to do next', () => {
    const study = entries();
    study[1] = {
      ...study[1]!,
      state: 'completed',
      runId: 'r-adam',
      run: fakeRunJson('r-adam'),
    };
    study[2] = { ...study[2]!, state: 'skipped' };
    const { store, app } = mount(study);
    store.outcome = studyOutcomeLines('seed-study-quick-20261126-0100', study, '/runs');
    store.phase = 'done';
    store.addStatic({ key: 'study-result', kind: 'study-result' });
    store.publish();
    const frame = plain(app.lastFrame());
    expect(frame).toMatch(/model\s+optimizer\s+lr\s+best val\s+test acc\s+test loss\s+time/);
    expect(frame).toMatch(/dense\s+adam\s+0\.001\s+88\.00%\s+87\.12%\s+0\.4321\s+1m05s ★/);
    expect(frame).toMatch(/dense\s+sgd\s+0\.01\s+85\.00%\s+84\.00%\s+0\.5000\s+1m02s\n/);
    expect(frame).toMatch(/cnn\s+adam\s+0\.001\s+skipped/);
    expect(frame).toContain('Study seed-study-quick-20261126-0100: 2 of 3 runs completed');
    expect(frame).toContain('The runs after it were not started.');
    expect(frame).not.toContain('q or Ctrl-C');
    app.unmount();
  });
});

describe('comparisonLines', () => {
  it('marks no best row when no run has a test accuracy', () => {
    const study: StudyEntry[] = [{ config: FAKE_CONFIG, state: 'failed', error: 'x' }];
    expect(comparisonLines(study).bestRow).toBe(-1);
  });
});
