'use client';

import { decodeBase64, decodePoints } from '@fashion-lab/run';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  fitView,
  MAP_HEIGHT,
  MAP_WIDTH,
  nearestPoint,
  passesFilter,
  toScreen,
  type MapFilter,
  type MapPoints,
} from '../lib/map-points';
import { HeatCanvas } from './heat-canvas';
import { PALETTE } from './palette';

const HOVER_RADIUS = 8;

interface TestSetMapProps {
  runId: string;
  dataset: string;
  classNames: readonly string[];
  /** The confusion cell selected on the page: its points are highlighted. */
  cell?: { label: number; predicted: number } | undefined;
}

function draw(canvas: HTMLCanvasElement, points: MapPoints, filter: MapFilter): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const view = fitView(points.xy, MAP_WIDTH, MAP_HEIGHT);
  context.clearRect(0, 0, MAP_WIDTH, MAP_HEIGHT);
  const n = points.labels.length;
  // One path per class: ten fills instead of 10,000.
  for (const pass of ['dim', 'shown'] as const) {
    for (let label = 0; label < PALETTE.length; label++) {
      context.beginPath();
      for (let i = 0; i < n; i++) {
        if (points.labels[i] !== label) continue;
        if (passesFilter(points, i, filter) !== (pass === 'shown')) continue;
        const [x, y] = toScreen(points.xy, i, view);
        context.rect(x - 1.5, y - 1.5, 3, 3);
      }
      context.globalAlpha = pass === 'dim' ? 0.12 : 0.85;
      context.fillStyle = PALETTE[label]!;
      context.fill();
    }
  }
  // Mistakes get a dark ring, drawn last so they stay visible inside their clusters.
  context.globalAlpha = 1;
  context.strokeStyle = '#111';
  context.lineWidth = 1;
  context.beginPath();
  for (let i = 0; i < n; i++) {
    if (points.labels[i] === points.predicted[i] || !passesFilter(points, i, filter)) continue;
    const [x, y] = toScreen(points.xy, i, view);
    context.moveTo(x + 3, y);
    context.arc(x, y, 3, 0, 2 * Math.PI);
  }
  context.stroke();
}

/**
 * The test set's 10,000 points (embedding.json) coloured by true class, mistakes ringed; hover
 * shows the test image, click opens it with its heatmaps; filter by class or confusion cell.
 */
export function TestSetMap({ runId, dataset, classNames, cell }: TestSetMapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [points, setPoints] = useState<MapPoints>();
  const [error, setError] = useState<string>();
  const [classFilter, setClassFilter] = useState<number>();
  const [hovered, setHovered] = useState<{ index: number; x: number; y: number }>();
  const [selected, setSelected] = useState<{ index: number; heatmaps: Record<string, string> }>();
  const base = `/api/runs/${encodeURIComponent(runId)}/embedding`;

  useEffect(() => {
    let live = true;
    fetch(base)
      .then(async (response) => {
        const body = (await response.json()) as {
          error?: string;
          points: string;
          predicted: string | null;
          labels: string;
        };
        if (!live) return;
        if (!response.ok) return setError(body.error ?? `HTTP ${response.status}`);
        const labels = decodeBase64(body.labels);
        setPoints({
          xy: decodePoints(body.points),
          labels,
          predicted: body.predicted === null ? labels : decodeBase64(body.predicted),
        });
      })
      .catch((reason: unknown) => live && setError(String(reason)));
    return () => {
      live = false;
    };
  }, [base]);

  const filter: MapFilter = useMemo(
    () =>
      cell !== undefined
        ? { kind: 'cell', ...cell }
        : classFilter !== undefined
          ? { kind: 'class', label: classFilter }
          : { kind: 'all' },
    [cell, classFilter],
  );

  useEffect(() => {
    if (canvas.current && points) draw(canvas.current, points, filter);
  }, [points, filter]);

  if (error !== undefined) {
    return (
      <p className="muted" data-testid="map-error">
        The map cannot be shown: {error}
      </p>
    );
  }
  if (points === undefined) return <p className="muted">Loading the map…</p>;

  const pick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const view = fitView(points.xy, MAP_WIDTH, MAP_HEIGHT);
    const index = nearestPoint(points.xy, view, x, y, HOVER_RADIUS, (i) =>
      passesFilter(points, i, filter),
    );
    return index === undefined ? undefined : { index, x, y };
  };
  const open = (index: number) => {
    fetch(`${base}?index=${index}`)
      .then(async (response) => {
        const body = (await response.json()) as { heatmaps?: Record<string, string> };
        setSelected({ index, heatmaps: body.heatmaps ?? {} });
      })
      .catch((reason: unknown) => setError(String(reason)));
  };
  const sprite = (index: number) =>
    `/api/test-images/${index}?dataset=${dataset === 'mnist' ? 'mnist' : 'fashion-mnist'}`;

  return (
    <div className="test-set-map" data-testid="test-set-map" data-filter={filter.kind}>
      <p>
        <label>
          Class{' '}
          <select
            aria-label="Map class filter"
            value={classFilter ?? ''}
            disabled={cell !== undefined}
            onChange={(event) =>
              setClassFilter(event.target.value === '' ? undefined : Number(event.target.value))
            }
          >
            <option value="">all</option>
            {classNames.map((name, label) => (
              <option key={label} value={label}>
                {name}
              </option>
            ))}
          </select>
        </label>{' '}
        {cell === undefined ? null : (
          <span data-testid="map-cell">
            highlighted: true {classNames[cell.label]}, predicted {classNames[cell.predicted]}
          </span>
        )}
      </p>
      <div style={{ position: 'relative', width: MAP_WIDTH }}>
        <canvas
          ref={canvas}
          width={MAP_WIDTH}
          height={MAP_HEIGHT}
          aria-label="Map of the test set"
          onMouseMove={(event) => setHovered(pick(event))}
          onMouseLeave={() => setHovered(undefined)}
          onClick={(event) => {
            const hit = pick(event);
            if (hit !== undefined) open(hit.index);
          }}
        />
        {hovered === undefined ? null : (
          <img
            className="map-sprite"
            data-testid="map-sprite"
            data-index={hovered.index}
            src={sprite(hovered.index)}
            width={56}
            height={56}
            alt={`test image ${hovered.index}`}
            style={{ left: hovered.x + 10, top: hovered.y + 10 }}
          />
        )}
      </div>
      <p className="map-legend">
        {classNames.map((name, label) => (
          <span key={label}>
            <i style={{ background: PALETTE[label] }} />
            {name}
          </span>
        ))}
        <span>ringed: misclassified</span>
      </p>
      {selected === undefined ? null : (
        <div data-testid="map-selection" data-index={selected.index}>
          <h3>
            Test image {selected.index}: true {classNames[points.labels[selected.index] ?? 0]},
            predicted {classNames[points.predicted[selected.index] ?? 0]}
          </h3>
          <span className="heat-pair">
            <img src={sprite(selected.index)} width={112} height={112} alt="selected test image" />
            {Object.entries(selected.heatmaps).map(([klass, pixels]) => (
              <span key={klass} className="heat-frame">
                <img src={sprite(selected.index)} width={112} height={112} alt="" />
                <HeatCanvas
                  pixels={pixels}
                  size={112}
                  label={`where it looked for ${classNames[Number(klass)]}`}
                />
              </span>
            ))}
          </span>
          {Object.keys(selected.heatmaps).length === 0 ? (
            <p className="muted">
              No heatmap for this image (explain.json covers the gallery samples).
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
