'use client';

import { useEffect, useState } from 'react';
import type { RunsTableRow } from '../lib/run-row';

/** The runs list in the browser: every row, and whether they are all there yet. */
export interface RunsList {
  rows: RunsTableRow[];
  /** False until /api/runs answered (the server sent only the first page). */
  complete: boolean;
  /** Why the latest request for the list failed; null once one succeeds. */
  error: string | null;
}

/**
 * Every run's row, fetched from /api/runs after the server-rendered first page (`firstPage` of
 * `total` runs) and fetched again every `pollMs` while any run is running, so progress moves.
 */
export function useRunsList(firstPage: RunsTableRow[], total: number, pollMs = 2000): RunsList {
  const [rows, setRows] = useState<RunsTableRow[] | null>(
    firstPage.length === total ? firstPage : null,
  );
  const [error, setError] = useState<string | null>(null);
  const loaded = rows !== null;
  const running = (rows ?? firstPage).some((row) => row.ok && row.status === 'running');

  useEffect(() => {
    if (loaded && !running) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One request at a time: the next is planned when one ends, however long a big list takes.
    const load = async () => {
      try {
        const response = await fetch('/api/runs', { cache: 'no-store' });
        if (!response.ok) throw new Error(`the runs list request answered ${response.status}`);
        const next = (await response.json()) as RunsTableRow[];
        if (cancelled) return;
        setRows(next);
        setError(null);
      } catch (failure) {
        if (cancelled) return;
        setError(failure instanceof Error ? failure.message : String(failure));
      }
      if (!cancelled) timer = setTimeout(() => void load(), pollMs);
    };
    if (loaded) timer = setTimeout(() => void load(), pollMs);
    else void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [loaded, running, pollMs]);

  return { rows: rows ?? firstPage, complete: loaded, error };
}
