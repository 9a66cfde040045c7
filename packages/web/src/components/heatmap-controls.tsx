'use client';

import { useState, type CSSProperties, type ReactNode } from 'react';

/**
 * The heatmap toggle and opacity slider over the run's galleries. The overlays are always in the
 * page; this only flips a class and a CSS variable, so no gallery re-renders. Without explain.json
 * it says how to compute the heatmaps instead.
 */
export function HeatmapControls({
  runId,
  available,
  children,
}: {
  runId: string;
  available: boolean;
  children: ReactNode;
}) {
  const [shown, setShown] = useState(false);
  const [opacity, setOpacity] = useState(0.6);
  return (
    <div
      className={shown ? 'heat-on' : 'heat-off'}
      style={{ '--heat-opacity': opacity } as CSSProperties}
    >
      <p className="heat-controls" data-testid="heat-controls">
        {available ? (
          <>
            <label>
              <input
                type="checkbox"
                checked={shown}
                onChange={(event) => setShown(event.target.checked)}
              />{' '}
              Show where the model looked
            </label>{' '}
            <label>
              opacity{' '}
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={opacity}
                disabled={!shown}
                onChange={(event) => setOpacity(Number(event.target.value))}
              />
            </label>
          </>
        ) : (
          <span className="muted">
            No heatmaps for this run: compute them with{' '}
            <code>npx nx run cli:explain -- {runId}</code>
          </span>
        )}
      </p>
      {children}
    </div>
  );
}
