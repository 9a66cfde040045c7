import { renderToStaticMarkup } from 'react-dom/server';
import { sampleStatistics } from '@fashion-lab/run';
import { describe, expect, it } from 'vitest';
import type { ConfigView, TrialView } from '../lib/sweep-view';
import { SweepTrialsTable } from './sweep-trials-table';

const config = (configKey: string, values: number[]): ConfigView => ({
  configKey,
  trials: values.length,
  completed: values.length,
  testAcc: sampleStatistics(values),
  bestValAcc: sampleStatistics(values),
  testText: `${configKey} test`,
  bestValText: `${configKey} best val`,
});
const trial = (runId: string, configKey: string, seed: number): TrialView => ({
  trial: seed,
  runId,
  configKey,
  seed,
  state: 'completed',
  runStatus: 'completed',
  testAcc: 0.8,
  bestValAcc: 0.81,
  epoch: null,
  values: {},
});

describe('SweepTrialsTable: the listed trials under their configs', () => {
  const configs = [config('optimizer=adam', [0.8, 0.81]), config('optimizer=nadam', [0.82])];

  it('heads each config with its statistics and 95% CI, and links every trial to its run', () => {
    const html = renderToStaticMarkup(
      <SweepTrialsTable
        configs={configs}
        trials={[trial('run-a1', 'optimizer=adam', 1), trial('run-a2', 'optimizer=adam', 2)]}
        bestConfigKey="optimizer=adam"
      />,
    );
    // mean 0.805, std 0.00707, half-width t(0.975, 1) * 0.00707 / sqrt(2) = 0.0635.
    expect(html).toContain('[74.15%, 86.85%]');
    expect(html).toContain('optimizer=adam test');
    expect(html).toContain('href="/runs/run-a1"');
    expect(html).toContain('href="/runs/run-a2"');
    // A config none of whose trials is listed is left out.
    expect(html).not.toContain('optimizer=nadam');
  });

  it('shows a dash for the interval of a config with one seed', () => {
    const html = renderToStaticMarkup(
      <SweepTrialsTable
        configs={configs}
        trials={[trial('run-n1', 'optimizer=nadam', 1)]}
        bestConfigKey={null}
      />,
    );
    expect(html).toMatch(/optimizer=nadam best val<\/td><td>—<\/td>/);
  });
});
