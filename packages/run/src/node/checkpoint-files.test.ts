import { cp, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../checkpoint.js';
import { CheckpointReadError, readCheckpoint, writeCheckpoint } from './checkpoint-files.js';
import { fakeCheckpoint } from '../testing/checkpoint-fixture.js';

let runDir: string;
beforeEach(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'fashion-lab-checkpoint-'));
});
afterEach(async () => {
  await rm(runDir, { recursive: true, force: true });
});

function comparable(checkpoint: Checkpoint) {
  const best = checkpoint.bestWeights;
  return {
    state: checkpoint.state,
    optimizer: [...new Float32Array(checkpoint.optimizer.weightData)],
    optimizerSpecs: checkpoint.optimizer.weightSpecs,
    weights: [...new Float32Array(checkpoint.model.weightData as ArrayBuffer)],
    weightSpecs: checkpoint.model.weightSpecs,
    topology: checkpoint.model.modelTopology,
    bestWeights: best && [...new Float32Array(best.weightData)],
    bestWeightSpecs: best?.weightSpecs,
  };
}

/** The checkpoint of an early-stopping run whose best epoch (`bestEpoch`) came before `epoch`. */
function withBestWeights(epoch: number, bestEpoch: number): Checkpoint {
  const checkpoint = fakeCheckpoint(epoch);
  return {
    ...checkpoint,
    state: { ...checkpoint.state, bestEpoch },
    bestWeights: {
      weightSpecs: checkpoint.model.weightSpecs!,
      weightData: new Float32Array([bestEpoch, -2, -3, -4]).buffer,
    },
  };
}

describe('writeCheckpoint and readCheckpoint', () => {
  it('round-trip model, optimizer state and training state', async () => {
    await writeCheckpoint(runDir, fakeCheckpoint(1));
    expect(comparable(await readCheckpoint(runDir))).toEqual(comparable(fakeCheckpoint(1)));
  });

  it('round-trip the best weights of early stopping, beside the last ones', async () => {
    await writeCheckpoint(runDir, withBestWeights(5, 3));
    const read = await readCheckpoint(runDir);
    expect(comparable(read)).toEqual(comparable(withBestWeights(5, 3)));
    expect([...new Float32Array(read.bestWeights!.weightData)]).toEqual([3, -2, -3, -4]);
    expect((await readdir(join(runDir, 'checkpoint'))).sort()).toEqual([
      'best-weights.bin',
      'best-weights.json',
      'model.json',
      'optimizer.bin',
      'optimizer.json',
      'state.json',
      'weights.bin',
    ]);
  });

  it('read a checkpoint without best weights (as earlier versions wrote them) as having none', async () => {
    await writeCheckpoint(runDir, withBestWeights(1, 1));
    await writeCheckpoint(runDir, fakeCheckpoint(2));
    const read = await readCheckpoint(runDir);
    expect(read.state.epoch).toBe(2);
    expect(read).not.toHaveProperty('bestWeights');
  });

  it('replace the previous checkpoint and leave only checkpoint/', async () => {
    await writeCheckpoint(runDir, fakeCheckpoint(1));
    await writeCheckpoint(runDir, fakeCheckpoint(2));
    expect((await readCheckpoint(runDir)).state.epoch).toBe(2);
    expect(await readdir(runDir)).toEqual(['checkpoint']);
    expect((await readdir(join(runDir, 'checkpoint'))).sort()).toEqual([
      'model.json',
      'optimizer.bin',
      'optimizer.json',
      'state.json',
      'weights.bin',
    ]);
  });

  it('a write interrupted between the renames still leaves the old checkpoint readable', async () => {
    await writeCheckpoint(runDir, fakeCheckpoint(1));
    // What a SIGKILL right after "checkpoint -> checkpoint.old" leaves: the old one moved aside and
    // the new one complete in its temp folder of a now dead process.
    await rename(join(runDir, 'checkpoint'), join(runDir, 'checkpoint.old'));
    await cp(join(runDir, 'checkpoint.old'), join(runDir, 'checkpoint.tmp-999999999'), {
      recursive: true,
    });
    expect((await readCheckpoint(runDir)).state.epoch).toBe(1);

    // The next write recovers: checkpoint/ again, and the leftovers are gone.
    await writeCheckpoint(runDir, fakeCheckpoint(3));
    expect((await readCheckpoint(runDir)).state.epoch).toBe(3);
    expect(await readdir(runDir)).toEqual(['checkpoint']);
  });

  it('a write interrupted after the second rename reads the new checkpoint', async () => {
    await writeCheckpoint(runDir, fakeCheckpoint(1));
    await cp(join(runDir, 'checkpoint'), join(runDir, 'checkpoint.old'), { recursive: true });
    await writeCheckpoint(runDir, fakeCheckpoint(2));
    expect((await readCheckpoint(runDir)).state.epoch).toBe(2);
  });

  it('falls back to checkpoint.old when checkpoint/ is damaged', async () => {
    await writeCheckpoint(runDir, fakeCheckpoint(1));
    await cp(join(runDir, 'checkpoint'), join(runDir, 'checkpoint.old'), { recursive: true });
    await writeFile(join(runDir, 'checkpoint', 'state.json'), '{"epoch":');
    expect((await readCheckpoint(runDir)).state.epoch).toBe(1);
  });

  it.each([
    [
      'no checkpoint at all',
      async () => undefined,
      'does not exist: the run has no checkpoint to resume from',
    ],
    [
      'a torn state.json',
      async () => writeFile(join(runDir, 'checkpoint', 'state.json'), '{"epoch":'),
      'state.json is not valid JSON',
    ],
    [
      'optimizer specs that disagree with optimizer.bin',
      async () => writeFile(join(runDir, 'checkpoint', 'optimizer.bin'), new Uint8Array(4)),
      'weightSpecs describe 12 bytes but optimizer.bin holds 4',
    ],
    [
      'a state with a bad field',
      async () =>
        writeFile(
          join(runDir, 'checkpoint', 'state.json'),
          JSON.stringify({ ...fakeCheckpoint(1).state, epoch: -1 }),
        ),
      'state.json: epoch must be a non-negative integer, got -1',
    ],
    [
      'best weights that disagree with best-weights.bin',
      async () => writeFile(join(runDir, 'checkpoint', 'best-weights.bin'), new Uint8Array(4)),
      'best-weights.json: weightSpecs describe 16 bytes but best-weights.bin holds 4',
    ],
    [
      'best weights without their bytes',
      async () => rm(join(runDir, 'checkpoint', 'best-weights.bin')),
      'best-weights.bin does not exist',
    ],
    [
      'best weights of another model',
      async () =>
        writeFile(
          join(runDir, 'checkpoint', 'best-weights.json'),
          JSON.stringify({ weightSpecs: [{ name: 'conv/kernel', shape: [4], dtype: 'float32' }] }),
        ),
      "best-weights.json: weightSpecs differ from model.json's, so the best weights do not fit the model",
    ],
  ])('reports %s', async (name, damage, message) => {
    if (name !== 'no checkpoint at all') await writeCheckpoint(runDir, withBestWeights(1, 1));
    await damage();
    await expect(readCheckpoint(runDir)).rejects.toThrow(CheckpointReadError);
    await expect(readCheckpoint(runDir)).rejects.toThrow(message);
  });
});
