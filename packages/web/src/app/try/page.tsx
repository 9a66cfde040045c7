import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { SmoothGradParameters } from '@fashion-lab/core';
import { readRun } from '@fashion-lab/run/node';
import { connection } from 'next/server';
import { TryIt, type TryModel } from '../../components/try-it';
import { classNamesFor } from '../../lib/class-names';
import { cachedExplain } from '../../lib/explanation-cache';
import { formatPercent } from '../../lib/format';
import { loadRunsTable, runsDir } from '../../lib/run-data';

export const metadata = { title: 'Try it · fashion-lab' };

interface TryPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

async function hasModel(id: string): Promise<boolean> {
  try {
    await access(join(runsDir(), id, 'model', 'model.json'));
    return true;
  } catch {
    return false;
  }
}

/**
 * SmoothGrad's parameters as the run used them: its explain.json's, else the defaults with the
 * run's seed (what training's explanation step uses); an unreadable file falls back likewise.
 */
async function runSmoothGrad(id: string): Promise<Partial<SmoothGradParameters>> {
  const dir = join(runsDir(), id);
  try {
    const explain = await cachedExplain(dir);
    if (explain?.smoothGrad !== undefined) return explain.smoothGrad;
  } catch {
    // An explain.json that does not read: the run page says so; the defaults serve here.
  }
  return { seed: (await readRun(dir)).config.seed };
}

/** Draw or drop an image and see a saved model's ten class probabilities, computed in the browser. */
export default async function TryPage({ searchParams }: TryPageProps) {
  await connection();
  const wanted = (await searchParams)['run'];
  const rows = (await loadRunsTable()).filter((row) => row.ok);
  const withModel = (
    await Promise.all(rows.map(async (row) => ((await hasModel(row.id)) ? row : null)))
  ).filter((row) => row !== null);
  // Best test accuracy first: the default is the best model there is.
  withModel.sort((a, b) => (b.testAcc ?? -1) - (a.testAcc ?? -1));
  const models: TryModel[] = await Promise.all(
    withModel.map(async (row) => ({
      id: row.id,
      label: `${row.id} (${row.model}, ${row.optimizer}, test ${formatPercent(row.testAcc)})`,
      classNames: [...classNamesFor(row.dataset)],
      tta: row.tta,
      smoothGrad: await runSmoothGrad(row.id),
    })),
  );
  const initialId =
    typeof wanted === 'string' && models.some((m) => m.id === wanted)
      ? wanted
      : (models[0]?.id ?? '');
  return (
    <>
      <h1>Try it</h1>
      <p className="muted">
        Draw a piece of clothing (white on black, like the dataset) or drop an image on the canvas.
        The saved model runs here in your browser with TensorFlow.js, and shows where it looked for
        its top class and the runner-up.
      </p>
      <TryIt models={models} initialId={initialId} />
    </>
  );
}
