import { appendFile, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
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
import { metricsThroughEpoch } from '../metrics-through-epoch.js';
import { reproduceCommand } from '../reproduce-command.js';
import { RUN_SCHEMA_VERSION, type RunJson, type RunSweepRef } from '../run-json.js';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.js';
import { writeCheckpoint } from './checkpoint-files.js';
import { writeExplanations } from './explanation-files.js';
import { writeModelArtifacts } from './model-files.js';
import { RUN_FILES, readRun } from './run-readers.js';
import { makeDirectory } from '@fashion-lab/data/node';
import { acquireRunLock, type RunLock } from './run-lock.js';

/** Where and how often a RunDirectoryReporter writes. */
export interface RunDirectoryReporterOptions {
  /** The runs directory; the run goes to `<runsDir>/<runId>/`. */
  runsDir: string;
  /** The study invocation this run belongs to (the run-start event's own value wins). */
  experiment?: string;
  /** The sweep trial this run is (recorded in run.json; a resumed run keeps its own). */
  sweep?: RunSweepRef;
  /**
   * The run's lock, taken by the caller; without it the reporter takes the lock itself at run
   * start and releases it at run end. Every write checks it first: a process that lost it writes
   * nothing.
   */
  lock?: RunLock;
  /** How often the heartbeat (lock and run.json) is refreshed, when the reporter takes the lock. */
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
 * at the end, each write only while holding the run's lock. Add it to `train`'s reporters; a run
 * already on disk (resume) keeps its createdAt, and its metrics.jsonl is first cut back to the
 * checkpoint's epoch, so every epoch appears once however the previous process died.
 */
export class RunDirectoryReporter implements Reporter {
  /** `<runsDir>/<runId>` once the run started. */
  runDir: string | undefined;
  private run: RunJson | undefined;
  private lock: RunLock | undefined;
  /** True when the reporter took the lock itself, so it releases it too. */
  private ownsLock = false;
  /** Set at run end: a late heartbeat must not touch the final run.json. */
  private ended = false;
  private readonly heartbeatMs: number;
  private readonly batchLineMs: number;
  private readonly now: () => Date;
  private lastBatchLineAt = Number.NEGATIVE_INFINITY;
  private lastError: string | undefined;
  /** run.json writes in order, so a late heartbeat never overwrites the final status. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunDirectoryReporterOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.batchLineMs = options.batchLineMs ?? 1_000;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Takes the lock (unless given), cuts metrics.jsonl back to the epoch training resumes after, and
   * writes run.json with status running.
   */
  async onRunStart(event: RunStartEvent): Promise<void> {
    const runDir = join(this.options.runsDir, event.runId);
    await makeDirectory(runDir);
    const lock =
      this.options.lock ??
      (await acquireRunLock(runDir, { heartbeatMs: this.heartbeatMs, now: this.now }));
    this.ownsLock = this.options.lock === undefined;
    if (lock.runDir !== runDir) {
      throw new Error(`RunDirectoryReporter: the lock given is for ${lock.runDir}, not ${runDir}`);
    }
    this.lock = lock;
    this.runDir = runDir;
    // A resumed or extended run keeps its identity; a run.json we cannot read is replaced.
    const existing = await readRun(runDir).catch(() => undefined);
    const now = this.now().toISOString();
    const experiment = event.experiment ?? this.options.experiment ?? existing?.experiment;
    const sweep = this.options.sweep ?? existing?.sweep;
    this.run = {
      schemaVersion: RUN_SCHEMA_VERSION,
      runId: event.runId,
      ...(experiment === undefined ? {} : { experiment }),
      ...(sweep === undefined ? {} : { sweep }),
      status: 'running',
      pid: process.pid,
      hostname: hostname(),
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
    await this.cutMetricsAfter(event.startEpoch - 1);
    await this.writeRun({ heartbeat: true });
    lock.onHeartbeat((heartbeatAt) => {
      // A failed heartbeat is not worth failing training for; the next hook's write reports.
      if (!this.ended) this.writeRun({ heartbeatAt }).catch(() => undefined);
    });
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
    const { runDir, lock } = this.started();
    await lock.assertHeld();
    await writeCheckpoint(runDir, checkpoint);
  }

  /** Remembers the error for run.json in case the run-end event carries none. */
  onError(event: ErrorEvent): void {
    this.lastError = event.message;
  }

  /**
   * Writes model/, evaluation.json, explain.json and embedding.json when present, then run.json
   * with the final status.
   */
  async onRunEnd(event: RunEndEvent, result: RunResult): Promise<void> {
    this.ended = true;
    const { runDir, run, lock } = this.started();
    try {
      if (result.model) {
        await lock.assertHeld();
        const modelDir = join(runDir, RUN_FILES.model);
        await makeDirectory(modelDir);
        await writeModelArtifacts(modelDir, result.model);
      }
      if (result.evaluation) {
        await lock.assertHeld();
        await writeJsonAtomic(join(runDir, RUN_FILES.evaluation), result.evaluation);
      }
      await writeExplanations(runDir, result, lock);
      const error = event.error ?? (event.status === 'failed' ? this.lastError : undefined);
      const { error: _oldError, summary: _oldSummary, ...rest } = run;
      this.run = {
        ...rest,
        status: event.status,
        ...(error === undefined ? {} : { error }),
        ...(event.summary === undefined ? {} : { summary: event.summary }),
      };
      await this.writeRun({ heartbeat: true });
    } finally {
      if (this.ownsLock) await lock.release();
    }
  }

  private started(): { runDir: string; run: RunJson; lock: RunLock } {
    if (this.runDir === undefined || this.run === undefined || this.lock === undefined) {
      throw new Error('RunDirectoryReporter: onRunStart must come first');
    }
    return { runDir: this.runDir, run: this.run, lock: this.lock };
  }

  /**
   * Training resumes after the checkpoint's epoch, so lines of later epochs (written before the
   * previous process died) would repeat: they go, and with them a torn last line of a crash
   * mid-append. Rewritten atomically (temp file and rename), and only when something goes.
   */
  private async cutMetricsAfter(epoch: number): Promise<void> {
    const { runDir, lock } = this.started();
    const file = join(runDir, RUN_FILES.metrics);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const kept = metricsThroughEpoch(text, epoch);
    if (kept === text) return;
    await lock.assertHeld();
    await writeFileAtomic(file, kept);
  }

  private async appendLine(line: MetricsLine): Promise<void> {
    const { runDir, lock } = this.started();
    await lock.assertHeld();
    await appendFile(join(runDir, RUN_FILES.metrics), `${JSON.stringify(line)}\n`);
  }

  /**
   * Queues a write of the current run.json, after checking the lock: with `heartbeat`, the lock's
   * heartbeat is refreshed first and run.json carries its time; `heartbeatAt` is one just taken.
   */
  private writeRun(options: { heartbeat?: boolean; heartbeatAt?: string } = {}): Promise<void> {
    const write = async (): Promise<void> => {
      const { runDir, lock } = this.started();
      let heartbeatAt = options.heartbeatAt;
      if (options.heartbeat) heartbeatAt = await lock.beat();
      else await lock.assertHeld();
      // Read after the lock's check: the run-end write may have changed it meanwhile.
      const run = this.started().run;
      this.run = {
        ...run,
        updatedAt: this.now().toISOString(),
        ...(heartbeatAt === undefined ? {} : { heartbeatAt }),
      };
      await writeJsonAtomic(join(runDir, RUN_FILES.run), this.run);
    };
    const next = this.writes.then(write, write);
    this.writes = next.catch(() => undefined);
    return next;
  }
}
