/**
 * The run-directory types the report reads, all from core (the one definition every reader shares).
 */
import type { Curves, RunJson } from '@fashion-lab/run';

export type { Embedding, Evaluation, Explain, Heatmap, RunJson, Sample } from '@fashion-lab/run';

/** An epoch line of metrics.jsonl. */
export type EpochEvent = Curves['epochs'][number];

/** One row of a model's layer table. */
export type LayerSummary = RunJson['layers'][number];

/** What run.json says about a run (not the stale check, which depends on the clock). */
export type RunStatus = RunJson['status'];
