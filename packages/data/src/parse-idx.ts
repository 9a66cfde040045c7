import { IMAGE_SIZE, NUM_CLASSES } from './class-names.js';
import type { ImageSet } from './dataset.js';
import { IdxFormatError } from './idx-format-error.js';

/** Magic numbers of the two IDX kinds we read: unsigned bytes (0x08) of rank 3 and rank 1. */
const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;

/** An IDX file's content: its kind, its dimensions and a view of its data bytes. */
export interface IdxContent {
  kind: 'images' | 'labels';
  dims: number[];
  /** A view into the bytes given to {@link parseIdx} (no copy). */
  data: Uint8Array;
}

/** Images of an IDX images file; `pixels` is a view into the parsed bytes (no copy). */
export interface ParsedImages {
  count: number;
  rows: number;
  cols: number;
  pixels: Uint8Array;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/**
 * Parses already-decompressed IDX bytes, checking magic, rank and exact length (no silent partial
 * read: truncated and trailing bytes are both errors). `file` only names the source in errors.
 */
export function parseIdx(bytes: Uint8Array, file: string): IdxContent {
  if (bytes.length === 0) {
    throw new IdxFormatError(file, 'empty file (0 bytes)', {
      expected: 'an IDX header',
      actual: 0,
    });
  }
  if (bytes.length < 4) {
    throw new IdxFormatError(
      file,
      `truncated header: expected at least 4 bytes, got ${bytes.length}`,
      { expected: 4, actual: bytes.length },
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== IMAGES_MAGIC && magic !== LABELS_MAGIC) {
    throw new IdxFormatError(
      file,
      `bad magic number ${hex(magic)}: expected ${hex(IMAGES_MAGIC)} (images) or ${hex(LABELS_MAGIC)} (labels)`,
      { expected: `${hex(IMAGES_MAGIC)} or ${hex(LABELS_MAGIC)}`, actual: hex(magic) },
    );
  }
  const kind = magic === IMAGES_MAGIC ? 'images' : 'labels';
  const rank = magic & 0xff;
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    throw new IdxFormatError(
      file,
      `truncated header: expected ${headerLength} bytes for rank ${rank}, got ${bytes.length}`,
      { expected: headerLength, actual: bytes.length },
    );
  }
  const dims: number[] = [];
  let dataLength = 1;
  for (let axis = 0; axis < rank; axis++) {
    const size = view.getUint32(4 + 4 * axis);
    dims.push(size);
    dataLength *= size;
  }
  const expectedLength = headerLength + dataLength;
  if (bytes.length !== expectedLength) {
    const defect = bytes.length < expectedLength ? 'truncated' : 'trailing bytes';
    throw new IdxFormatError(
      file,
      `expected ${expectedLength} bytes, got ${bytes.length} (${defect})`,
      { expected: expectedLength, actual: bytes.length },
    );
  }
  return { kind, dims, data: bytes.subarray(headerLength) };
}

function expectKind(content: IdxContent, kind: IdxContent['kind'], file: string): void {
  if (content.kind !== kind) {
    const magic = kind === 'images' ? IMAGES_MAGIC : LABELS_MAGIC;
    throw new IdxFormatError(
      file,
      `expected an IDX ${kind} file (magic ${hex(magic)}), got ${content.kind === 'images' ? 'an images' : 'a labels'} file`,
      { expected: kind, actual: content.kind },
    );
  }
}

/** Parses an IDX images file (magic 0x00000803, dims count x rows x cols). */
export function parseImages(bytes: Uint8Array, file: string): ParsedImages {
  const content = parseIdx(bytes, file);
  expectKind(content, 'images', file);
  const [count = 0, rows = 0, cols = 0] = content.dims;
  if (rows === 0 || cols === 0) {
    throw new IdxFormatError(file, `images have no pixels (${rows}x${cols})`, {
      actual: `${rows}x${cols}`,
    });
  }
  return { count, rows, cols, pixels: content.data };
}

/** Parses an IDX labels file (magic 0x00000801) and checks every label is a class 0..9. */
export function parseLabels(bytes: Uint8Array, file: string): Uint8Array {
  const content = parseIdx(bytes, file);
  expectKind(content, 'labels', file);
  const labels = content.data;
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index]!;
    if (label >= NUM_CLASSES) {
      throw new IdxFormatError(
        file,
        `label ${label} at index ${index} is out of range 0..${NUM_CLASSES - 1}`,
        { expected: `0..${NUM_CLASSES - 1}`, actual: label },
      );
    }
  }
  return labels;
}

/**
 * Pairs parsed images with their labels into an {@link ImageSet}, checking the images are 28x28
 * and that both files hold the same number of items. The arrays are kept, not copied.
 */
export function combineImageSet(
  images: ParsedImages,
  labels: Uint8Array,
  imagesFile: string,
  labelsFile: string,
): ImageSet {
  if (images.rows !== IMAGE_SIZE || images.cols !== IMAGE_SIZE) {
    throw new IdxFormatError(
      imagesFile,
      `expected ${IMAGE_SIZE}x${IMAGE_SIZE} images, got ${images.rows}x${images.cols}`,
      { expected: `${IMAGE_SIZE}x${IMAGE_SIZE}`, actual: `${images.rows}x${images.cols}` },
    );
  }
  if (labels.length !== images.count) {
    throw new IdxFormatError(
      labelsFile,
      `has ${labels.length} labels but ${imagesFile} has ${images.count} images`,
      { expected: images.count, actual: labels.length },
    );
  }
  return { images: images.pixels, labels, count: images.count };
}
