import { describe, expect, it } from 'vitest';
import { encodeIdx } from './encode-idx.js';
import { IdxFormatError } from './idx-format-error.js';
import { combineImageSet, parseIdx, parseImages, parseLabels } from './parse-idx.js';

/** A 2x2 images file holding three images with pixel values 0..11. */
const tinyImages = encodeIdx(
  [3, 2, 2],
  Array.from({ length: 12 }, (_, i) => i),
);
const tinyLabels = encodeIdx([3], [0, 9, 4]);

function withMagic(bytes: Uint8Array, magic: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(0, magic);
  return copy;
}

describe('parseIdx', () => {
  it('reads the kind, dimensions and data of an images file', () => {
    const content = parseIdx(tinyImages, 'images');
    expect(content.kind).toBe('images');
    expect(content.dims).toEqual([3, 2, 2]);
    expect(Array.from(content.data)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('returns a view into the given bytes rather than a copy', () => {
    const content = parseIdx(tinyImages, 'images');
    expect(content.data.buffer).toBe(tinyImages.buffer);
    expect(content.data.byteOffset).toBe(16);
  });

  it('reads a labels file', () => {
    expect(parseIdx(tinyLabels, 'labels')).toMatchObject({ kind: 'labels', dims: [3] });
  });

  it('names the file and the defect, as in the published example', () => {
    const claimsAllLabels = new Uint8Array(4096);
    claimsAllLabels.set(encodeIdx([60_000], []));
    expect(() => parseIdx(claimsAllLabels, 'train-labels-idx1-ubyte.gz')).toThrow(
      'train-labels-idx1-ubyte.gz: expected 60008 bytes, got 4096 (truncated)',
    );
  });

  it.each([
    {
      defect: 'an empty file',
      bytes: new Uint8Array(0),
      message: 'f.idx: empty file (0 bytes)',
      expected: 'an IDX header',
      actual: 0,
    },
    {
      defect: 'a header cut inside the magic number',
      bytes: new Uint8Array([0, 0]),
      message: 'f.idx: truncated header: expected at least 4 bytes, got 2',
      expected: 4,
      actual: 2,
    },
    {
      defect: 'a header cut inside the dimensions',
      bytes: tinyImages.subarray(0, 10),
      message: 'f.idx: truncated header: expected 16 bytes for rank 3, got 10',
      expected: 16,
      actual: 10,
    },
    {
      defect: 'a wrong magic number',
      bytes: withMagic(tinyImages, 0x00000c03),
      message:
        'f.idx: bad magic number 0x00000c03: expected 0x00000803 (images) or 0x00000801 (labels)',
      expected: '0x00000803 or 0x00000801',
      actual: '0x00000c03',
    },
    {
      defect: 'a file that is not IDX at all',
      bytes: new TextEncoder().encode('<html>404</html>'),
      message: 'f.idx: bad magic number 0x3c68746d',
      expected: '0x00000803 or 0x00000801',
      actual: '0x3c68746d',
    },
    {
      defect: 'a truncated body',
      bytes: tinyImages.subarray(0, tinyImages.length - 1),
      message: 'f.idx: expected 28 bytes, got 27 (truncated)',
      expected: 28,
      actual: 27,
    },
    {
      defect: 'trailing bytes',
      bytes: Uint8Array.from([...tinyImages, 0, 0]),
      message: 'f.idx: expected 28 bytes, got 30 (trailing bytes)',
      expected: 28,
      actual: 30,
    },
  ])('rejects $defect with a typed error', ({ bytes, message, expected, actual }) => {
    const error = captureError(() => parseIdx(bytes, 'f.idx'));
    expect(error).toBeInstanceOf(IdxFormatError);
    expect(error.message).toContain(message);
    expect(error).toMatchObject({ file: 'f.idx', expected, actual });
  });
});

function captureError(action: () => unknown): IdxFormatError {
  try {
    action();
  } catch (error) {
    if (error instanceof IdxFormatError) return error;
    throw error;
  }
  throw new Error('expected an IdxFormatError, nothing was thrown');
}

describe('parseImages', () => {
  it('returns count, rows, cols and the pixels', () => {
    const images = parseImages(tinyImages, 'images');
    expect(images).toMatchObject({ count: 3, rows: 2, cols: 2 });
    expect(images.pixels).toHaveLength(12);
  });

  it('rejects a labels file', () => {
    expect(() => parseImages(tinyLabels, 'l.idx')).toThrow(
      'l.idx: expected an IDX images file (magic 0x00000803), got a labels file',
    );
  });

  it('rejects images without pixels', () => {
    expect(() => parseImages(encodeIdx([2, 28, 0], []), 'i.idx')).toThrow(
      'i.idx: images have no pixels (28x0)',
    );
  });
});

describe('parseLabels', () => {
  it('returns the labels', () => {
    expect(Array.from(parseLabels(tinyLabels, 'l.idx'))).toEqual([0, 9, 4]);
  });

  it('rejects a label outside 0..9, naming its index', () => {
    const error = captureError(() => parseLabels(encodeIdx([4], [1, 2, 10, 3]), 'l.idx'));
    expect(error.message).toBe('l.idx: label 10 at index 2 is out of range 0..9');
    expect(error).toMatchObject({ expected: '0..9', actual: 10 });
  });

  it('rejects an images file', () => {
    expect(() => parseLabels(tinyImages, 'i.idx')).toThrow(
      'i.idx: expected an IDX labels file (magic 0x00000801), got an images file',
    );
  });
});

describe('combineImageSet', () => {
  const images28 = encodeIdx([2, 28, 28], new Uint8Array(2 * 784).fill(7));

  it('pairs 28x28 images with as many labels, without copying', () => {
    const parsed = parseImages(images28, 'i');
    const labels = parseLabels(encodeIdx([2], [3, 5]), 'l');
    const set = combineImageSet(parsed, labels, 'i', 'l');
    expect(set.count).toBe(2);
    expect(set.images).toBe(parsed.pixels);
    expect(set.labels).toBe(labels);
  });

  it('rejects image and label counts that disagree, naming both files', () => {
    const error = captureError(() =>
      combineImageSet(
        parseImages(images28, 'train-images'),
        parseLabels(encodeIdx([3], [1, 2, 3]), 'train-labels'),
        'train-images',
        'train-labels',
      ),
    );
    expect(error.message).toBe('train-labels: has 3 labels but train-images has 2 images');
    expect(error).toMatchObject({ file: 'train-labels', expected: 2, actual: 3 });
  });

  it('rejects images that are not 28x28', () => {
    expect(() =>
      combineImageSet(parseImages(tinyImages, 'i'), parseLabels(tinyLabels, 'l'), 'i', 'l'),
    ).toThrow('i: expected 28x28 images, got 2x2');
  });
});
