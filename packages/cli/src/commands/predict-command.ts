import { readFile } from 'node:fs/promises';
import { predictProbabilities, preprocessBitmap } from '@fashion-lab/core';
import { loadRunModel, selectBackend } from '@fashion-lab/core/node';
import { readRun } from '@fashion-lab/run/node';
import { IMAGE_PIXELS, type ImageSet } from '@fashion-lab/data';
import { loadDataset } from '@fashion-lab/data/node';
import { PNG } from 'pngjs';
import { pngDamage, PNG_SIGNATURE } from './png-damage.js';
import { classNamesFor } from '../class-names.js';
import type { CliIo } from '../cli-io.js';
import { formatPercent } from '../format.js';
import type { Command } from '../command.js';
import { existingRunDir, runsDirOf } from '../run-location.js';
import { UsageError } from '../usage-error.js';
import { barText } from '../tui/progress-bar.js';

type PredictCommand = Extract<Command, { name: 'predict' }>;

/** An image file that cannot be used: missing, unreadable or not a PNG. */
export class ImageReadError extends Error {
  override readonly name = 'ImageReadError';
}

/**
 * A PNG of any size as the model's 28x28 input, through core's preprocessBitmap (grayscale,
 * white clothing on black, centred), stored as the bytes the dataset itself is made of.
 */
export async function pngToImageBytes(file: string): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImageReadError(
      code === 'ENOENT'
        ? `${file} does not exist`
        : `${file} cannot be read (${code ?? String(error)})`,
    );
  }
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    throw new ImageReadError(`${file} is not a PNG image (predict reads PNG files)`);
  }
  const damage = pngDamage(bytes);
  if (damage !== undefined) throw new ImageReadError(`${file} is a damaged PNG image: ${damage}`);
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch {
    // Whole chunks that still do not decode: compressed data that is not, or a PNG flavour the
    // decoder lacks; its message would name its internals.
    throw new ImageReadError(`${file} is a damaged PNG image: its pixel data cannot be decoded`);
  }
  const input = preprocessBitmap({
    width: png.width,
    height: png.height,
    data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength),
    channels: 4,
  });
  return Uint8Array.from(input, (value) => Math.round(Math.min(1, Math.max(0, value)) * 255));
}

/** The classes ranked by probability, most likely first. */
export function topClasses(
  probabilities: ArrayLike<number>,
  top = 3,
): { label: number; probability: number }[] {
  return Array.from(probabilities, (probability, label) => ({ label, probability }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, top);
}

/** The image and, for a test image, its true label. */
async function inputImage(
  command: PredictCommand,
  dataset: Awaited<ReturnType<typeof loadDataset>> | undefined,
): Promise<{ images: Uint8Array; label?: number; description: string }> {
  if ('image' in command.input) {
    return { images: await pngToImageBytes(command.input.image), description: command.input.image };
  }
  const { index } = command.input;
  const test = dataset?.test;
  if (!test || index >= test.count) {
    throw new UsageError(
      `--index must be below ${test?.count ?? 0} (the test set's size), got ${index}`,
    );
  }
  return {
    images: test.images.slice(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS),
    label: test.labels[index] ?? 0,
    description: `test image ${index}`,
  };
}

/** `predict <runId> <image.png | --index N>`: the run's model's top-3 classes for one image. */
export async function predictCommand(command: PredictCommand, io: CliIo): Promise<number> {
  const runDir = await existingRunDir(runsDirOf(command, io), command.runId);
  const run = await readRun(runDir);
  const dataset =
    'index' in command.input
      ? await loadDataset({
          dataset: run.config.dataset,
          ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
        })
      : undefined;
  const image = await inputImage(command, dataset);
  await selectBackend(command.backend ?? run.config.backend);
  const model = await loadRunModel(runDir);
  let probabilities: Float32Array;
  try {
    const set: ImageSet = {
      images: image.images,
      labels: new Uint8Array([image.label ?? 0]),
      count: 1,
    };
    probabilities = await predictProbabilities(model, set, { tta: run.config.tta });
  } finally {
    model.dispose();
  }
  const classNames = classNamesFor(run.config.dataset);
  const top = topClasses(probabilities);
  if (command.json) {
    io.stdout.write(
      `${JSON.stringify({
        runId: run.runId,
        input: image.description,
        ...(image.label !== undefined ? { label: image.label } : {}),
        top: top.map((entry) => ({ ...entry, className: classNames[entry.label] })),
        probabilities: Array.from(probabilities),
      })}\n`,
    );
    return 0;
  }
  const truth =
    image.label !== undefined ? ` (true class: ${classNames[image.label] ?? image.label})` : '';
  const lines = [`${run.runId} on ${image.description}${truth}:`];
  const nameWidth = Math.max(...top.map((entry) => (classNames[entry.label] ?? '').length));
  top.forEach((entry, rank) => {
    const name = classNames[entry.label] ?? String(entry.label);
    const mark = image.label === undefined ? '' : entry.label === image.label ? '  ✓' : '';
    lines.push(
      `  ${rank + 1}. ${name.padEnd(nameWidth)}  ${formatPercent(entry.probability, 1).padStart(6)}  ${barText(entry.probability, 20).filled}${mark}`,
    );
  });
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
