'use client';

import { predictBatch, preprocessBitmap, type SmoothGradParameters } from '@fashion-lab/core';
import { encodeBase64, type TtaName } from '@fashion-lab/run';
import * as tf from '@tensorflow/tfjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  describeSaliency,
  drawingHeatmaps,
  drawingSaliency,
  type DrawingSaliency,
} from '../lib/drawing-saliency';
import { topClasses } from '../lib/top-classes';
import { ProbabilityBars } from './probability-bars';
import { TryHeatmaps, type DrawnHeatmap } from './try-heatmaps';

/** A run whose saved model can be tried. */
export interface TryModel {
  id: string;
  label: string;
  classNames: readonly string[];
  /** How the run predicts (its config's test-time augmentation), so the page predicts alike. */
  tta: TtaName;
  /** SmoothGrad's parameters as the run used them (its explain.json, else its seed). */
  smoothGrad: Partial<SmoothGradParameters>;
}

/** What the model made of the drawn image: the image it saw and its ten probabilities. */
interface Prediction {
  image: Float32Array;
  probabilities: number[];
}

/** The heatmaps of one prediction, with the method's name. */
interface Explained {
  prediction: Prediction;
  method: string;
  heatmaps: DrawnHeatmap[];
}

const CANVAS_SIZE = 280;
const PREDICT_EVERY_MS = 120;
/** The heatmaps wait until drawing pauses this long: the probabilities come first, every stroke. */
const EXPLAIN_AFTER_MS = 200;

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
  const modelRef = useRef<{
    model: tf.LayersModel;
    tta: TtaName;
    saliency: DrawingSaliency;
  } | null>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const lastPrediction = useRef(0);
  // A blank canvas has nothing to classify: predict only once something was drawn or dropped.
  const hasInk = useRef(false);
  const [selectedId, setSelectedId] = useState(initialId);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [explained, setExplained] = useState<Explained | null>(null);
  const [explainError, setExplainError] = useState<string | null>(null);
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
    setPrediction({ image: input, probabilities: Array.from(output) });
  }, []);

  // The heatmaps for the top class and the runner-up, once the probabilities are on screen.
  useEffect(() => {
    if (prediction === null) {
      setExplained(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      // The model in use when the timer fires: one being replaced is disposed already.
      const loaded = modelRef.current;
      if (loaded === null) return;
      const top = topClasses(prediction.probabilities);
      drawingHeatmaps(
        loaded.model,
        prediction.image,
        top.map((ranked) => ranked.klass),
        loaded.saliency,
      ).then(
        (maps) => {
          if (cancelled) return;
          setExplainError(null);
          setExplained({
            prediction,
            method: describeSaliency(loaded.saliency),
            heatmaps: top.map((ranked, i) => ({ ...ranked, pixels: encodeBase64(maps[i]!) })),
          });
        },
        (cause: unknown) => {
          if (cancelled) return;
          setExplained(null);
          setExplainError(
            `No heatmaps for this model: ${cause instanceof Error ? cause.message : String(cause)}`,
          );
        },
      );
    }, EXPLAIN_AFTER_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [prediction]);

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
        modelRef.current = {
          model,
          tta: selected.tta,
          saliency: drawingSaliency(model, selected.smoothGrad),
        };
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
            setPrediction(null);
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
        {prediction === null ? (
          <p className="muted">Draw something to see what the model thinks.</p>
        ) : (
          <ProbabilityBars
            probabilities={prediction.probabilities}
            classNames={selected.classNames}
          />
        )}
        {prediction !== null && explained !== null ? (
          <TryHeatmaps
            image={explained.prediction.image}
            heatmaps={explained.heatmaps}
            classNames={selected.classNames}
            method={explained.method}
          />
        ) : null}
        {explainError === null ? null : <p className="error-text">{explainError}</p>}
      </div>
    </div>
  );
}
