'use client';

import { decodeBase64, decodePoints } from '@fashion-lab/run';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  fitView,
  indicesByClass,
  MAP_HEIGHT,
  MAP_WIDTH,
  MAX_ZOOM,
  nearestPoint,
  panBy,
  passesFilter,
  toScreen,
  wheelFactor,
  zoomAt,
  type MapFilter,
  type MapPoints,
  type MapView,
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

/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD = 3;

/** Whether a mark at (x, y) can show on the canvas: off-canvas points cost no path work. */
function onCanvas(x: number, y: number): boolean {
  return x > -4 && y > -4 && x < MAP_WIDTH + 4 && y < MAP_HEIGHT + 4;
}

function draw(
  canvas: HTMLCanvasElement,
  points: MapPoints,
  byClass: readonly Uint32Array[],
  filter: MapFilter,
  view: MapView,
): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, MAP_WIDTH, MAP_HEIGHT);
  // One path per class and pass: twenty fills instead of 10,000.
  for (const pass of ['dim', 'shown'] as const) {
    byClass.forEach((indices, label) => {
      context.beginPath();
      for (const i of indices) {
        if (passesFilter(points, i, filter) !== (pass === 'shown')) continue;
        const [x, y] = toScreen(points.xy, i, view);
        if (onCanvas(x, y)) context.rect(x - 1.5, y - 1.5, 3, 3);
      }
      context.globalAlpha = pass === 'dim' ? 0.12 : 0.85;
      context.fillStyle = PALETTE[label % PALETTE.length]!;
      context.fill();
    });
  }
  // Mistakes get a dark ring, drawn last so they stay visible inside their clusters.
  context.globalAlpha = 1;
  context.strokeStyle = '#111';
  context.lineWidth = 1;
  context.beginPath();
  for (let i = 0; i < points.labels.length; i++) {
    if (points.labels[i] === points.predicted[i] || !passesFilter(points, i, filter)) continue;
    const [x, y] = toScreen(points.xy, i, view);
    if (!onCanvas(x, y)) continue;
    context.moveTo(x + 3, y);
    context.arc(x, y, 3, 0, 2 * Math.PI);
  }
  context.stroke();
}

/**
 * Where a mouse event is on the canvas, in canvas pixels: offsetX/Y start inside the border, and
 * a canvas the page scales down (two maps side by side) maps back by its backing size.
 */
function canvasPoint(event: MouseEvent, canvas: HTMLCanvasElement): [number, number] {
  const box = canvas.getBoundingClientRect();
  // offsetX is relative to the event's target, so compute from the client rect for window events.
  const x = event.clientX - box.left - canvas.clientLeft;
  const y = event.clientY - box.top - canvas.clientTop;
  const scaleX = canvas.clientWidth > 0 ? canvas.width / canvas.clientWidth : 1;
  const scaleY = canvas.clientHeight > 0 ? canvas.height / canvas.clientHeight : 1;
  return [x * scaleX, y * scaleY];
}

/**
 * The test set's 10,000 points (embedding.json) coloured by true class, mistakes ringed; hover
 * shows the test image, click opens it with its heatmaps; filter by class or confusion cell; the
 * wheel zooms about the pointer, a drag pans, "Reset view" fits it again.
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

  const byClass = useMemo(
    () => (points === undefined ? [] : indicesByClass(points.labels, classNames.length)),
    [points, classNames.length],
  );
  const fitted = useMemo(
    () => (points === undefined ? undefined : fitView(points.xy, MAP_WIDTH, MAP_HEIGHT)),
    [points],
  );
  // The view lives in a ref: wheel and drag change it many times a frame, a frame draws it once.
  const view = useRef<MapView>(undefined);
  const frame = useRef(0);
  const [zoom, setZoom] = useState(1);
  const redraw = useCallback(() => {
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const current = view.current ?? fitted;
      if (canvas.current && points && current) {
        draw(canvas.current, points, byClass, filter, current);
        const { scale, padX, padY } = current;
        // The view, for tests and curious users: where the points are now.
        canvas.current.dataset['view'] = JSON.stringify({ scale, padX, padY });
      }
    });
  }, [points, byClass, filter, fitted]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const changeView = useCallback(
    (next: MapView) => {
      view.current = next;
      setZoom(fitted === undefined ? 1 : next.scale / fitted.scale);
      redraw();
    },
    [fitted, redraw],
  );
  useEffect(redraw, [redraw]);

  // React's onWheel is passive (cannot keep the page from scrolling), so listen directly.
  useEffect(() => {
    const element = canvas.current;
    if (element === null || points === undefined || fitted === undefined) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const [x, y] = canvasPoint(event, element);
      const factor = wheelFactor(event.deltaY, event.deltaMode);
      changeView(
        zoomAt(view.current ?? fitted, x, y, factor, fitted.scale, fitted.scale * MAX_ZOOM),
      );
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [points, fitted, changeView]);

  // A drag follows the mouse past the canvas's edge: listen on the window until the button is up.
  const dragged = useRef(false);
  const startDrag = (event: React.MouseEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    const element = event.currentTarget;
    let [lastX, lastY] = canvasPoint(event.nativeEvent, element);
    let moved = 0;
    dragged.current = false;
    const onMove = (move: MouseEvent) => {
      const [x, y] = canvasPoint(move, element);
      moved += Math.abs(x - lastX) + Math.abs(y - lastY);
      if (moved >= DRAG_THRESHOLD) dragged.current = true;
      const current = view.current ?? fitted;
      if (current !== undefined) changeView(panBy(current, x - lastX, y - lastY));
      [lastX, lastY] = [x, y];
    };
    const onUp = () => {
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
    };
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
  };

  if (error !== undefined) {
    return (
      <p className="muted" data-testid="map-error">
        The map cannot be shown: {error}
      </p>
    );
  }
  if (points === undefined) return <p className="muted">Loading the map…</p>;

  const pick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const current = view.current ?? fitted;
    if (current === undefined) return undefined;
    const element = event.currentTarget;
    const [x, y] = canvasPoint(event.nativeEvent, element);
    const index = nearestPoint(points.xy, current, x, y, HOVER_RADIUS, (i) =>
      passesFilter(points, i, filter),
    );
    // The sprite sits in CSS pixels next to the pointer.
    const box = element.getBoundingClientRect();
    return index === undefined
      ? undefined
      : { index, x: event.clientX - box.left, y: event.clientY - box.top };
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
        <button type="button" onClick={() => fitted !== undefined && changeView(fitted)}>
          Reset view
        </button>{' '}
        <span className="muted" data-testid="map-zoom">
          {zoom.toFixed(1)}x · wheel zooms, drag pans
        </span>{' '}
        {cell === undefined ? null : (
          <span data-testid="map-cell">
            highlighted: true {classNames[cell.label]}, predicted {classNames[cell.predicted]}
          </span>
        )}
      </p>
      <div className="map-frame" style={{ maxWidth: MAP_WIDTH + 2 }}>
        <canvas
          ref={canvas}
          width={MAP_WIDTH}
          height={MAP_HEIGHT}
          aria-label="Map of the test set"
          onMouseDown={startDrag}
          onMouseMove={(event) => setHovered(event.buttons === 0 ? pick(event) : undefined)}
          onMouseLeave={() => setHovered(undefined)}
          onClick={(event) => {
            if (dragged.current) return; // the end of a drag, not a click on a point
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
