import { FASHION_MNIST_CLASS_NAMES } from '@fashion-lab/data';
import { renderToString, Text } from 'ink';
import { describe, expect, it } from 'vitest';
import { FAKE_CONFIG, fakeEpoch, fakeRunStart } from '../fake-run.test-support.js';
import { printedRows } from './printed-rows.js';
import { TrainApp } from './train-app.js';
import { TuiReporter } from './tui-reporter.js';
import { TuiStore } from './tui-store.js';
import { wrappedRows } from './wrapped-rows.js';

/** A store holding a header and `epochs` epoch rows, with nothing live left to draw. */
function printedStore(start: ReturnType<typeof fakeRunStart>, epochs: number): TuiStore {
  const store = new TuiStore();
  const reporter = new TuiReporter(store);
  reporter.onRunStart(start);
  for (let epoch = 1; epoch <= epochs; epoch++) reporter.onEpochEnd(fakeEpoch(epoch));
  store.dispose();
  store.phase = 'done';
  return store;
}

const starts = {
  'a short header': fakeRunStart(),
  'a resumed study run with augmentation and test-time flips': fakeRunStart({
    runId: '20261126-010203-cnn-regularized-rmsprop-a1b2c3',
    experiment: 'seed-study-quick-20261126-0102',
    startEpoch: 12,
    params: 1_234_567,
    config: {
      ...FAKE_CONFIG,
      model: 'cnn-regularized',
      optimizer: 'rmsprop',
      augment: 'full',
      tta: 'flip',
      lrSchedule: 'cosine',
      workers: 2,
      epochs: 30,
    },
    trainCount: 54_000,
    validationCount: 6_000,
    testCount: 10_000,
  }),
};

describe('printedRows', () => {
  // The reference is Ink itself: the same blocks rendered to a string that many columns wide.
  it.each(
    Object.entries(starts).flatMap(([name, start]) =>
      [40, 62, 80, 120].map((columns) => ({ name, start, columns })),
    ),
  )('counts the rows Ink prints for $name at $columns columns', ({ start, columns }) => {
    const store = printedStore(start, 3);
    const printed = renderToString(
      <TrainApp store={store} classNames={FASHION_MNIST_CLASS_NAMES} />,
      { columns },
    );
    expect(printedRows(store.staticItems, store.progress.start, columns)).toBe(
      printed.split('\n').length,
    );
  });

  it('counts nothing before the run has started', () => {
    expect(printedRows([], undefined, 80)).toBe(0);
  });
});

describe('wrappedRows', () => {
  it.each([
    { text: 'fits', width: 10, rows: 1 },
    { text: '', width: 10, rows: 1 },
    { text: 'two words', width: 5, rows: 2 },
    { text: 'abcdefghij', width: 4, rows: 3 },
    { text: '\u001b[36mcolored\u001b[39m', width: 7, rows: 1 },
  ])('puts "$text" in $rows rows of $width columns', ({ text, width, rows }) => {
    expect(wrappedRows(text, width)).toBe(rows);
    expect(wrappedRows(text, width)).toBe(
      renderToString(<Text>{text}</Text>, { columns: width }).split('\n').length,
    );
  });
});
