/** What the rule looks at in a metrics line (its own type: the parser's module uses this one). */
type TimedLine = { type: 'epoch'; epoch: number } | { type: 'batch'; epoch: number; batch: number };

/**
 * True when `line` cannot follow `previous` in one process's writing, which goes batch by batch
 * (numbers growing), then the epoch's line, then on to the next epoch.
 */
function goesBack(line: TimedLine, previous: TimedLine | undefined): boolean {
  if (previous === undefined || line.epoch > previous.epoch) return false;
  if (line.epoch < previous.epoch || previous.type === 'epoch') return true;
  return line.type === 'batch' && line.batch <= previous.batch;
}

/**
 * Older builds resumed a run without cutting metrics.jsonl back to its checkpoint, so a run killed
 * between an epoch's line and its checkpoint has that epoch twice. A line that goes back in time
 * starts such a replay: the lines it replays are dropped, so every epoch reads once, the last time.
 */
export function withoutReplayedLines<Line extends TimedLine>(lines: readonly Line[]): Line[] {
  const kept: Line[] = [];
  for (const line of lines) {
    if (goesBack(line, kept.at(-1))) {
      const earlier = kept.filter((seen) => seen.epoch < line.epoch);
      kept.splice(0, kept.length, ...earlier);
    }
    kept.push(line);
  }
  return kept;
}
