import type { Checkpoint } from '../checkpoint.js';

/** A small checkpoint with hand-made artifacts; `epoch` tells checkpoints apart. */
export function fakeCheckpoint(epoch: number): Checkpoint {
  return {
    model: {
      modelTopology: { class_name: 'Sequential', config: { name: 'fake', layers: [] } },
      format: 'layers-model',
      generatedBy: 'test',
      weightSpecs: [{ name: 'dense/kernel', shape: [2, 2], dtype: 'float32' }],
      weightData: new Float32Array([epoch, 2, 3, 4]).buffer,
    },
    optimizer: {
      weightSpecs: [{ name: 'dense/kernel/m', shape: [3], dtype: 'float32' }],
      weightData: new Float32Array([0.1, 0.2, epoch]).buffer,
    },
    state: {
      epoch,
      rngState: [1, 2, 3, epoch],
      learningRate: 0.001,
      bestValAcc: 0.5,
      bestEpoch: epoch,
      epochsWithoutImprovement: 0,
      plateauEpochs: 0,
      bestValLoss: 0.7,
      seconds: 3 * epoch,
    },
  };
}
