/**
 * metrics.jsonl cut back to what a checkpoint after `epoch` knows, for a resume to append to: the
 * lines of later epochs (written before the previous process died, and about to be trained again)
 * and a torn last line go; every other line stays as it was written.
 */
export function metricsThroughEpoch(text: string, epoch: number): string {
  const rows = text.split('\n');
  rows.pop(); // after the last newline: nothing, or a line torn by a crash mid-append
  return rows
    .filter((row) => !((epochOf(row) ?? 0) > epoch))
    .map((row) => `${row}\n`)
    .join('');
}

/** The `epoch` field of a line; undefined for a line that is not JSON or has none. */
function epochOf(row: string): number | undefined {
  try {
    const value = JSON.parse(row) as { epoch?: unknown } | null;
    return typeof value?.epoch === 'number' ? value.epoch : undefined;
  } catch {
    return undefined;
  }
}
