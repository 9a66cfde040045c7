'use client';

import { useEffect, useState } from 'react';
import type { SweepView } from '../lib/sweep-view';

/**
 * A sweep's view, fetched again from /api/sweeps/<id> every `pollMs` while the sweep is live
 * (a trial pending, running or paused), starting from the server-rendered `initial`; polling
 * stops once every trial has ended.
 */
export function useSweepView(
  initial: SweepView,
  pollMs = 2000,
): { view: SweepView; error: string | null } {
  const [view, setView] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const live = view.live;

  useEffect(() => {
    if (!live) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One request at a time: the next is planned when one ends.
    const load = async () => {
      try {
        const response = await fetch(`/api/sweeps/${encodeURIComponent(initial.sweepId)}`, {
          cache: 'no-store',
        });
        const next = (await response.json()) as SweepView | { ok: false; error: string };
        if (cancelled) return;
        if (!next.ok) throw new Error(next.error);
        setView(next);
        setError(null);
      } catch (failure) {
        if (cancelled) return;
        setError(failure instanceof Error ? failure.message : String(failure));
      }
      if (!cancelled) timer = setTimeout(() => void load(), pollMs);
    };
    timer = setTimeout(() => void load(), pollMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [live, initial.sweepId, pollMs]);

  return { view, error };
}
