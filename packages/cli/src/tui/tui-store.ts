import type { NewRunConfig } from '@fashion-lab/core';
import type { RunJson, RunSummary } from '@fashion-lab/run';
import type { DownloadProgress } from '@fashion-lab/data/node';
import type { OutcomeLine, ResumeLocations } from '../outcome-lines.js';
import { TrainingProgress, type EpochRow } from '../training-progress.js';
import { RenderClock } from './render-clock.js';

/** What the TUI is doing: before the first event, training, stopping after an abort, or done. */
export type TuiPhase = 'loading' | 'training' | 'stopping' | 'done';

/** Printed-once blocks of the screen (Ink's <Static>), in order. */
export type StaticItem =
  | { key: string; kind: 'header' }
  | { key: string; kind: 'table-head' }
  | { key: string; kind: 'epoch'; row: EpochRow; epochs: number }
  | { key: string; kind: 'result' }
  | { key: string; kind: 'study-run'; entry: StudyEntry }
  | { key: string; kind: 'study-result' };

/** One run of a study: its config, where it stands and, once done, its outcome. */
export interface StudyEntry {
  /** As asked for; the run's run.json holds the worker count it got. */
  config: NewRunConfig;
  state: 'queued' | 'running' | 'completed' | 'interrupted' | 'failed' | 'skipped';
  runId?: string;
  summary?: RunSummary;
  error?: string;
  /** The saved run.json, read back when the run ended (what the comparison is built from). */
  run?: RunJson;
}

/** At most this many frames a second (Ink's own maxFps is set to match). */
export const MAX_FPS = 10;

/** At least this many frames a second, so the screen never looks frozen, whatever they cost. */
export const MIN_FPS = 1;

/**
 * The share of wall time drawing may take: frames are spaced so that (average frame cost) /
 * (interval) stays under it, fewer than MAX_FPS when a frame is expensive (Ink re-lays out every
 * character of the live area on each frame: a few ms on a 2-core machine).
 */
export const RENDER_BUDGET = 0.01;

/**
 * The TUI's state and its publishing: reporters mutate it freely on every event; subscribers
 * (the Ink tree) are told at most MAX_FPS times a second and within RENDER_BUDGET, or at once for
 * events that add printed-once rows (an epoch, the end). Render time is accounted in `clock`.
 */
export class TuiStore {
  /** The run being shown; a study starts a fresh one per run (`newRun`). */
  progress: TrainingProgress;
  /** The runs of a study and where each stands (undefined for a single run). */
  study: StudyEntry[] | undefined;
  experiment: string | undefined;
  readonly clock: RenderClock;
  readonly staticItems: StaticItem[] = [];
  phase: TuiPhase = 'loading';
  runDir: string | undefined;
  /** The `--runs-dir` / `--data-dir` the user gave, for the resume command. */
  locations: ResumeLocations = {};
  download: DownloadProgress | undefined;
  /** A study's final words (a single run derives its own from `progress`). */
  outcome: OutcomeLine[] | undefined;
  /** The measured cost of drawing, shown in the final result. */
  renderCost: string | undefined;
  private version = 0;
  private lastPublish = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = () => performance.now()) {
    this.study = undefined;
    this.outcome = undefined;
    this.experiment = undefined;
    this.progress = new TrainingProgress(now);
    this.clock = new RenderClock(now);
  }

  /** Starts showing a new run (the next one of a study). */
  newRun(): void {
    this.progress = new TrainingProgress(this.now);
    this.download = undefined;
  }

  /** Registers a function called on every publish (the mount re-renders the Ink tree there). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever a new state is published. */
  readonly getVersion = (): number => this.version;

  /** Appends a printed-once block (header, epoch row, final result). */
  addStatic(item: StaticItem): void {
    this.staticItems.push(item);
  }

  /** Milliseconds between two frames: 1/MAX_FPS, longer when frames are costly (RENDER_BUDGET). */
  frameInterval(): number {
    const withinBudget = this.clock.averageFrameMs / RENDER_BUDGET;
    return Math.min(1000 / MIN_FPS, Math.max(1000 / MAX_FPS, withinBudget));
  }

  /** Records a change; publishes now when `urgent` or when the last frame is old enough. */
  invalidate(urgent = false): void {
    const wait = this.lastPublish + this.frameInterval() - this.now();
    if (urgent || wait <= 0) {
      this.publish();
      return;
    }
    // Training yields to the event loop often, so a pending frame is drawn within ~1/MAX_FPS s.
    this.timer ??= setTimeout(() => this.publish(), wait);
  }

  /** Tells every subscriber now, measuring the (synchronous) render it triggers. */
  publish(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastPublish = this.now();
    this.version++;
    this.clock.measure(() => {
      for (const listener of this.listeners) listener();
    });
  }

  /** Stops any pending frame (the screen is about to unmount). */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
