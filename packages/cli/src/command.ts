import type { NewRunConfig } from '@fashion-lab/core';
import type { BackendChoice } from '@fashion-lab/run';

/** Where the training output goes: the Ink TUI, plain lines, or NDJSON events. */
export interface OutputChoice {
  json: boolean;
}

/** Where runs and the dataset live (both optional: core and data resolve the defaults). */
export interface Locations {
  runsDir?: string;
  dataDir?: string;
}

/** `--explain on|off` of the commands that train; undefined: the default (on, but off for sweeps). */
export interface ExplainChoice {
  explain?: boolean;
}

/** A parsed command line: what to run, with every flag checked. `resume` is `train --resume`. */
export type Command =
  | { name: 'help'; text: string }
  /** `config.workers` only when given: core settles the default with the backend. */
  | ({ name: 'train'; config: NewRunConfig } & OutputChoice & Locations & ExplainChoice)
  | ({ name: 'resume'; runId: string; epochs?: number } & OutputChoice & Locations & ExplainChoice)
  | ({
      name: 'study';
      quick: boolean;
      file?: string;
      backend?: BackendChoice;
      /** Run the study as a sweep over this many seeds. */
      seeds?: number;
    } & OutputChoice &
      Locations &
      ExplainChoice)
  /** `sweep`: start one from `file`, continue one (`resume`) or show one (`status`). */
  | ({
      name: 'sweep';
      action: { start: string } | { resume: string } | { status: string };
      quick: boolean;
      parallel: number;
      /** `--queue`: the trials go to workers through this Redis URL (else FASHION_LAB_QUEUE). */
      queue?: string;
      /** With a queue: enqueue and exit instead of waiting for the trials. */
      detach: boolean;
    } & OutputChoice &
      Locations)
  /** `worker`: trains trials from a sweep queue (`queue` undefined: FASHION_LAB_QUEUE). */
  | ({ name: 'worker'; queue?: string; concurrency: number } & Locations)
  | ({ name: 'runs' } & OutputChoice & Locations)
  | ({ name: 'summary'; runId: string } & OutputChoice & Locations)
  | ({ name: 'evaluate'; runId: string; backend?: BackendChoice } & OutputChoice & Locations)
  | ({ name: 'explain'; runId: string; backend?: BackendChoice } & OutputChoice & Locations)
  | ({
      name: 'predict';
      runId: string;
      input: { image: string } | { index: number };
      backend?: BackendChoice;
    } & OutputChoice &
      Locations);
