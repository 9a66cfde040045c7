// A process that takes run locks and writes runs through the compiled package, as a user's
// process would (plain JavaScript, so Node 20 runs it too). It reads one JSON command a line on
// stdin and answers each with one JSON line on stdout; run-lock-contender.test-support.ts starts
// it.
import process from 'node:process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { acquireRunLock, RunDirectoryReporter } from '@fashion-lab/run/node';

const held = [];
let reporter;

function failure(error) {
  return { ok: false, name: error.name, message: error.message };
}

/** Fake artifacts: what is written does not matter here, only whether it is. */
function fakeModel(epoch) {
  return {
    modelTopology: { class_name: 'Sequential', config: { name: 'fake', layers: [] } },
    format: 'layers-model',
    weightSpecs: [{ name: 'dense/kernel', shape: [2], dtype: 'float32' }],
    weightData: new Float32Array([epoch, 2]).buffer,
  };
}

function fakeCheckpoint(epoch) {
  return {
    model: fakeModel(epoch),
    optimizer: { weightSpecs: [], weightData: new ArrayBuffer(0) },
    state: { epoch, rngState: [1, 2, 3, 4], learningRate: 0.001, bestValAcc: 0, bestEpoch: 0 },
  };
}

/** Every kind of write a run gets, each tried on its own. */
const WRITES = {
  'batch line': () =>
    reporter.onBatchEnd({
      type: 'batch',
      epoch: 1,
      batch: 1,
      batches: 3,
      loss: 1,
      acc: 0.5,
      samplesPerSec: 10,
    }),
  'epoch line': () =>
    reporter.onEpochEnd({
      type: 'epoch',
      epoch: 1,
      loss: 1,
      acc: 0.5,
      valLoss: 1,
      valAcc: 0.5,
      lr: 0.001,
      seconds: 1,
    }),
  checkpoint: () => reporter.onCheckpoint({ type: 'checkpoint', epoch: 1 }, fakeCheckpoint(1)),
  'model, evaluation and run.json': () =>
    reporter.onRunEnd(
      { type: 'run-end', status: 'completed' },
      { model: fakeModel(1), evaluation: { testLoss: 1, testAcc: 0.5 } },
    ),
};

async function perform(command) {
  switch (command.op) {
    case 'race': {
      // Line the contenders up on one moment: sleep most of the way, then spin.
      await sleep(Math.max(0, command.at - Date.now() - 5));
      while (Date.now() < command.at);
      try {
        const lock = await acquireRunLock(command.runDir);
        held.push(lock);
        return { ok: true, token: lock.token };
      } catch (error) {
        return failure(error);
      }
    }
    case 'ready':
      return { ok: true };
    case 'release':
      await Promise.all(held.splice(0).map((lock) => lock.release()));
      return { ok: true };
    case 'start': {
      const lock = await acquireRunLock(command.runDir, command.lockOptions);
      held.push(lock);
      reporter = new RunDirectoryReporter({ runsDir: command.runsDir, lock, batchLineMs: 0 });
      await reporter.onRunStart(command.event);
      return { ok: true, token: lock.token };
    }
    case 'write': {
      const results = {};
      for (const kind of command.kinds) {
        results[kind] = await WRITES[kind]().then(() => ({ ok: true }), failure);
      }
      return { ok: true, results, token: held.at(-1).token };
    }
    case 'pause':
      // Stop at a quiet moment: no lock operation (a heartbeat) is half done once this resolves,
      // and nothing runs between the answer and the stop.
      await held.at(-1).assertHeld();
      return 'pause';
    default:
      return { ok: false, message: `unknown command ${command.op}` };
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const answer = await perform(JSON.parse(line));
  if (answer === 'pause') {
    process.stdout.write(`${JSON.stringify({ ok: true, paused: true })}\n`);
    process.kill(process.pid, 'SIGSTOP');
  } else {
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  }
}
