import { appendFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checkpoint } from '../checkpoint.js';
import type {
  BatchEvent,
  CheckpointEvent,
  EpochEvent,
  ErrorEvent,
  MetricsLine,
  Reporter,
  RunEndEvent,
  RunResult,
  RunStartEvent,
} from '../events.js';
import { reproduceCommand } from '../reproduce-command.js';
import { RUN_SCHEMA_VERSION, type RunJson } from '../run-json.js';
import { writeJsonAtomic } from './atomic-write.js';
import { writeCheckpoint } from './checkpoint-files.js';
import { writeModelArtifacts } from './model-files.js';
import { RUN_FILES, readRun } from './run-readers.js';
import { makeDirectory } from '@fashion-lab/data/node';

/** Where and how often a RunDirectoryReporter writes. */
export interface RunDirectoryReporterOptions {
  /** The runs directory; the run goes to `<runsDir>/<runId>/`. */
  runsDir: string;
  /** The study invocation this run belongs to (the run-start event's own value wins). */
  experiment?: string;
  /** How often run.json's heartbeatAt is refreshed while running (default 10 s). */
  heartbeatMs?: number;
  /** At most one batch line per this many ms in metrics.jsonl (default 1 s). */
  batchLineMs?: number;
  /** The clock (tests pass a fake one). */
  now?: () => Date;
  /**
   * What run.json's `versions` records (the trainer knows its tfjs and its own version; this
   * package loads neither). Default: the Node version alone.
   */
  versions?: Record<string, string>;
}

/**
 * Persists a run as DESIGN.md's run directory: run.json (atomic, heartbeat while running, final
 * status), metrics.jsonl (append-only), checkpoint/ after every epoch, model/ and evaluation.json
 * at the end. Add it to `train`'s reporters; a run already on disk (resume) keeps its createdAt.
 */
export class RunDirectoryReporter implements Reporter {
  /** `<runsDir>/<runId>` once the run started. */
  runDir: string | undefined;
  private run: RunJson | undefined;
  private readonly heartbeatMs: number;
  private readonly batchLineMs: number;
  private readonly now: () => Date;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastBatchLineAt = Number.NEGATIVE_INFINITY;
  private lastError: string | undefined;
  /** run.json writes in order, so a late heartbeat never overwrites the final status. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunDirectoryReporterOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.batchLineMs = options.batchLineMs ?? 1_000;
    this.now = options.now ?? (() => new Date());
  }

  /** Creates the run directory and writes run.json with status running. */
  async onRunStart(event: RunStartEvent): Promise<void> {
    const runDir = join(this.options.runsDir, event.runId);
    await makeDirectory(runDir);
    this.runDir = runDir;
    // A resumed or extended run keeps its identity; a run.json we cannot read is replaced.
    const existing = await readRun(runDir).catch(() => undefined);
    const now = this.now().toISOString();
    const experiment = event.experiment ?? this.options.experiment ?? existing?.experiment;
    this.run = {
      schemaVersion: RUN_SCHEMA_VERSION,
      runId: event.runId,
      ...(experiment === undefined ? {} : { experiment }),
      status: 'running',
      pid: process.pid,
      heartbeatAt: now,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      config: event.config,
      backend: event.backend,
      params: event.params,
      layers: event.layers,
      versions: this.options.versions ?? { node: process.version },
      command: reproduceCommand(event.config),
    };
    await this.writeRun();
    await this.terminateTornLine();
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => {
      // A failed heartbeat is not worth failing training for; the next hook's write reports.
      this.writeRun({ heartbeat: true }).catch(() => undefined);
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Appends a batch line, at most one per `batchLineMs`, so live views move within an epoch. */
  async onBatchEnd(event: BatchEvent): Promise<void> {
    const now = this.now().getTime();
    if (now - this.lastBatchLineAt < this.batchLineMs) return;
    this.lastBatchLineAt = now;
    await this.appendLine(event);
  }

  /** Appends the epoch line. */
  async onEpochEnd(event: EpochEvent): Promise<void> {
    await this.appendLine(event);
  }

  /** Replaces checkpoint/ as a whole (crash-safe, see `writeCheckpoint`). */
  async onCheckpoint(_event: CheckpointEvent, checkpoint: Checkpoint): Promise<void> {
    await writeCheckpoint(this.started().runDir, checkpoint);
  }

  /** Remembers the error for run.json in case the run-end event carries none. */
  onError(event: ErrorEvent): void {
    this.lastError = event.message;
  }

  /** Writes model/ and evaluation.json when present, then run.json with the final status. */
  async onRunEnd(event: RunEndEvent, result: RunResult): Promise<void> {
    this.stopHeartbeat();
    const { runDir, run } = this.started();
    if (result.model) {
      const modelDir = join(runDir, RUN_FILES.model);
      await makeDirectory(modelDir);
      await writeModelArtifacts(modelDir, result.model);
    }
    if (result.evaluation) {
      await writeJsonAtomic(join(runDir, RUN_FILES.evaluation), result.evaluation);
    }
    const error = event.error ?? (event.status === 'failed' ? this.lastError : undefined);
    const { error: _oldError, summary: _oldSummary, ...rest } = run;
    this.run = {
      ...rest,
      status: event.status,
      ...(error === undefined ? {} : { error }),
      ...(event.summary === undefined ? {} : { summary: event.summary }),
    };
    await this.writeRun({ heartbeat: true });
  }

  private started(): { runDir: string; run: RunJson } {
    if (this.runDir === undefined || this.run === undefined) {
      throw new Error('RunDirectoryReporter: onRunStart must come first');
    }
    return { runDir: this.runDir, run: this.run };
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /**
   * A process killed mid-append leaves metrics.jsonl without its final newline; end that torn line
   * before appending, so only it is lost and not the first line of this process too.
   */
  private async terminateTornLine(): Promise<void> {
    const file = join(this.started().runDir, RUN_FILES.metrics);
    const handle = await open(file, 'r').catch(() => undefined);
    if (handle === undefined) return;
    try {
      const { size } = await handle.stat();
      if (size === 0) return;
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] === 0x0a) return;
    } finally {
      await handle.close();
    }
    await appendFile(file, '\n');
  }

  private async appendLine(line: MetricsLine): Promise<void> {
    await appendFile(join(this.started().runDir, RUN_FILES.metrics), `${JSON.stringify(line)}\n`);
  }

  /** Queues a write of the current run.json (with a fresh heartbeat when asked). */
  private writeRun(options: { heartbeat?: boolean } = {}): Promise<void> {
    const write = async (): Promise<void> => {
      const { runDir, run } = this.started();
      const now = this.now().toISOString();
      this.run = { ...run, updatedAt: now, ...(options.heartbeat ? { heartbeatAt: now } : {}) };
      await writeJsonAtomic(join(runDir, RUN_FILES.run), this.run);
    };
    const next = this.writes.then(write, write);
    this.writes = next.catch(() => undefined);
    return next;
  }
}
