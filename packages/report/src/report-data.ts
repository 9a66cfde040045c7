import type { Embedding, EpochEvent, Evaluation, Explain, RunJson } from './run-types.js';

/** One readable run: its run.json and the epoch rows of its metrics.jsonl (one per epoch). */
export interface ReportRun {
  /** The run directory's name (normally the run id). */
  dir: string;
  run: RunJson;
  epochs: EpochEvent[];
}

/** A run, or one of its files, that the report could not use, with the reason shown to the reader. */
export interface ReportProblem {
  /** The run directory's name. */
  dir: string;
  /** What is wrong, naming the file relative to the run directory. */
  reason: string;
}

/** Sample images of the dataset for the report's first section. */
export interface DatasetPreview {
  name: string;
  classNames: readonly string[];
  trainCounts: number[];
  testCounts: number[];
  /** A few test images per class, in class order: 28x28 bytes each. */
  examples: { label: number; pixels: Uint8Array }[];
}

/** The dataset section's input: the preview, or why there is none (the report still builds). */
export type DatasetSection = { ok: true; preview: DatasetPreview } | { ok: false; reason: string };

/** An optional run file (explain.json, embedding.json): not there, read, or why it could not be read. */
export type OptionalRunFile<T> =
  | { state: 'absent' }
  | { state: 'read'; value: T }
  | { state: 'unreadable'; reason: string };

/**
 * The evaluation of the best run, or why it could not be read; with it, the run's saliency
 * heatmaps and test-set map when it has them.
 */
export type BestEvaluation =
  | {
      runId: string;
      ok: true;
      evaluation: Evaluation;
      explain: OptionalRunFile<Explain>;
      embedding: OptionalRunFile<Embedding>;
    }
  | { runId: string; ok: false; reason: string };

/** The dataset's test images and labels, in test-set order: the map's colors and sprites. */
export interface TestSet {
  /** 784 bytes an image, one after another. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Everything buildReport needs, already read from disk: the report itself does no I/O. */
export interface ReportData {
  /** Which runs these are, in words, e.g. "experiment seed-study-20261125-2101 and 1 single run". */
  selection: string;
  /** The experiment the report is about, when there is one; used in the title and commands. */
  experiment?: string;
  runs: ReportRun[];
  problems: ReportProblem[];
  best?: BestEvaluation;
  dataset: DatasetSection;
  /** The test split, when the dataset was found and the best run has a map to color. */
  testSet?: TestSet;
}
