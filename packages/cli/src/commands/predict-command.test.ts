import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngToImageBytes, topClasses } from './predict-command.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fashion-lab-cli-png-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pngToImageBytes', () => {
  it('turns a PNG of any size into 784 bytes, a dark object on white becoming bright on black', async () => {
    // A dark 40x10 bar on white: trimmed and scaled like the dataset, it becomes a 28x7 band.
    const png = new PNG({ width: 60, height: 30 });
    png.data.fill(255);
    for (let y = 10; y < 20; y++) {
      for (let x = 10; x < 50; x++) png.data.fill(0, (y * 60 + x) * 4, (y * 60 + x) * 4 + 3);
    }
    const file = join(dir, 'square.png');
    await writeFile(file, PNG.sync.write(png));
    const bytes = await pngToImageBytes(file);
    expect(bytes).toHaveLength(784);
    // The centre is the object (bright), the top row the background (dark), as in the dataset.
    expect(bytes[14 * 28 + 14]).toBeGreaterThan(200);
    expect(bytes[0]).toBeLessThan(30);
  });

  it.each([
    ['missing.png', null, /missing\.png does not exist/],
    ['notes.txt', 'hello', /notes\.txt is not a PNG image/],
    [
      'broken.png',
      '\x89PNG\r\n\x1a\n garbage',
      /^\S*broken\.png is a damaged PNG image: it does not start with the IHDR header chunk$/,
    ],
  ])('names the file when %s cannot be used', async (name, content, message) => {
    const file = join(dir, name);
    if (content !== null) await writeFile(file, Buffer.from(content, 'latin1'));
    await expect(pngToImageBytes(file)).rejects.toThrow(message);
  });
});

describe('topClasses', () => {
  it('ranks classes by probability, most likely first', () => {
    expect(topClasses([0.1, 0.6, 0, 0.3], 3)).toEqual([
      { label: 1, probability: 0.6 },
      { label: 3, probability: 0.3 },
      { label: 0, probability: 0.1 },
    ]);
  });
});
