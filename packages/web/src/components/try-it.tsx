'use client';

import { predictBatch, preprocessBitmap } from '@fashion-lab/core';
import { type TtaName } from '@fashion-lab/run';
import * as tf from '@tensorflow/tfjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ProbabilityBars } from './probability-bars';

/** A run whose saved model can be tried. */
export interface TryModel {
  id: string;
  label: string;
  classNames: readonly string[];
  /** How the run predicts (its config's test-time augmentation), so the page predicts alike. */
  tta: TtaName;
}

const CANVAS_SIZE = 280;
const PREDICT_EVERY_MS = 120;

let cpuBackend: Promise<boolean> | undefined;

/**
 * Selects tfjs's cpu backend once, before anything else touches a backend: it works headless
 * and without a GPU, and one 28x28 image needs no more (WebGL would be tried first otherwise).
 */
function useCpuBackend(): Promise<boolean> {
  cpuBackend ??= tf.setBackend('cpu');
  return cpuBackend;
}

function clearCanvas(canvas: HTMLCanvasElement): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  context.fillStyle = '#000';
  context.fillRect(0, 0, canvas.width, canvas.height);
}

/**
 * Draw (white on black, like the dataset) or drop an image; the chosen run's saved model runs
 * right here in the browser and shows its ten class probabilities, updating as you draw.
 */
export function TryIt({ models, initialId }: { models: TryModel[]; initialId: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // The loaded model with how its run predicts, so the two always change together.
  const modelRef = useRef<{ model: tf.LayersModel; tta: TtaName } | null>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const lastPrediction = useRef(0);
  // A blank canvas has nothing to classify: predict only once something was drawn or dropped.
  const hasInk = useRef(false);
  const [selectedId, setSelectedId] = useState(initialId);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);
  const [probabilities, setProbabilities] = useState<number[] | null>(null);
  const selected = models.find((m) => m.id === selectedId) ?? models[0];

  const predict = useCallback(() => {
    const canvas = canvasRef.current;
    const loaded = modelRef.current;
    const context = canvas?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !loaded || !context || !hasInk.current) return;
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const input = preprocessBitmap({
      width: image.width,
      height: image.height,
      data: image.data,
      channels: 4,
    });
    const output = tf.tidy(() =>
      predictBatch(loaded.model, tf.tensor4d(input, [1, 28, 28, 1]), loaded.tta).dataSync(),
    );
    setProbabilities(Array.from(output));
  }, []);

  useEffect(() => {
    if (canvasRef.current) clearCanvas(canvasRef.current);
  }, []);

  useEffect(() => {
    if (selected === undefined) return;
    let cancelled = false;
    setState('loading');
    setError(null);
    void (async () => {
      try {
        await useCpuBackend();
        const model = await tf.loadLayersModel(
          `/api/runs/${encodeURIComponent(selected.id)}/model/model.json`,
        );
        if (cancelled) {
          model.dispose();
          return;
        }
        modelRef.current?.model.dispose();
        modelRef.current = { model, tta: selected.tta };
        setState('ready');
        predict();
      } catch (cause) {
        if (cancelled) return;
        setState('error');
        setError(cause instanceof Error ? cause.message : String(cause));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [selected, predict]);

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) / rect.width) * CANVAS_SIZE,
      y: ((event.clientY - rect.top) / rect.height) * CANVAS_SIZE,
    };
  };

  const strokeTo = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const from = drawing.current;
    const context = event.currentTarget.getContext('2d');
    if (from === null || context === null) return;
    const to = point(event);
    context.strokeStyle = '#fff';
    context.lineWidth = 22;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    hasInk.current = true;
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
    drawing.current = to;
    const now = performance.now();
    if (now - lastPrediction.current > PREDICT_EVERY_MS) {
      lastPrediction.current = now;
      predict();
    }
  };

  const drawImageFile = async (file: File) => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    try {
      const bitmap = await createImageBitmap(file);
      clearCanvas(canvas);
      const scale = Math.min(canvas.width / bitmap.width, canvas.height / bitmap.height);
      const width = bitmap.width * scale;
      const height = bitmap.height * scale;
      context.drawImage(
        bitmap,
        (canvas.width - width) / 2,
        (canvas.height - height) / 2,
        width,
        height,
      );
      bitmap.close();
      hasInk.current = true;
      predict();
    } catch {
      setError(`${file.name} is not an image this browser can read.`);
    }
  };

  if (selected === undefined) {
    return <p className="muted">No run has a saved model yet: train one first.</p>;
  }
  return (
    <div className="try-it" data-state={state}>
      <div className="try-controls">
        <label>
          Model{' '}
          <select value={selected.id} onChange={(event) => setSelectedId(event.target.value)}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => {
            if (canvasRef.current) clearCanvas(canvasRef.current);
            hasInk.current = false;
            setProbabilities(null);
          }}
        >
          Clear
        </button>
        <label className="file">
          Open image…{' '}
          <input
            type="file"
            accept="image/*"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void drawImageFile(file);
            }}
          />
        </label>
        <span className="muted" data-testid="model-state">
          {state === 'loading'
            ? 'loading model…'
            : state === 'ready'
              ? 'model ready (cpu)'
              : 'error'}
        </span>
      </div>
      {error === null ? null : <p className="error-text">{error}</p>}
      <div className="try-area">
        <canvas
          ref={canvasRef}
          width={CANVAS_SIZE}
          height={CANVAS_SIZE}
          className="draw"
          aria-label="Drawing canvas: draw a piece of clothing, or drop an image here"
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            drawing.current = point(event);
            strokeTo(event);
          }}
          onPointerMove={strokeTo}
          onPointerUp={() => {
            drawing.current = null;
            predict();
          }}
          onDragOver={(event) => event.preventDefault()}
          onDrop={(event) => {
            event.preventDefault();
            const file = event.dataTransfer.files[0];
            if (file) void drawImageFile(file);
          }}
        />
        {probabilities === null ? (
          <p className="muted">Draw something to see what the model thinks.</p>
        ) : (
          <ProbabilityBars probabilities={probabilities} classNames={selected.classNames} />
        )}
      </div>
    </div>
  );
}
