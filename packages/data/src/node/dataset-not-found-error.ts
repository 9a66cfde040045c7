import type { DatasetName } from '../dataset.js';
import { DATASET_DIR_ENV } from './dataset-files.js';

/** The one-sentence remedy every "dataset not found" message ends with. */
export function datasetRemedy(dataset: DatasetName): string {
  const envVar = DATASET_DIR_ENV[dataset];
  return dataset === 'fashion-mnist'
    ? `install it with \`sudo apt install dataset-fashion-mnist\`, set ${envVar} to a folder holding its four files, or pass --data-dir`
    : `set ${envVar} to a folder holding its four files, or pass --data-dir`;
}

/**
 * The dataset is neither where it was pointed to nor in any known place, and was not downloaded.
 * The message is one sentence ending with the remedy; `searched` lists the folders looked in.
 */
export class DatasetNotFoundError extends Error {
  override readonly name = 'DatasetNotFoundError';
  readonly dataset: DatasetName;
  /** The folders that were looked in, in lookup order. */
  readonly searched: readonly string[];
  /** For a folder named explicitly: the files it lacks (base names, .gz or raw accepted). */
  readonly missing: readonly string[];

  constructor(
    message: string,
    details: { dataset: DatasetName; searched: readonly string[]; missing?: readonly string[] },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.dataset = details.dataset;
    this.searched = details.searched;
    this.missing = details.missing ?? [];
  }
}
