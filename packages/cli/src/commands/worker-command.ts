import { queueUrlFrom } from '@fashion-lab/sweep-queue';
import {
  checkQueueReachable,
  startQueueWorker,
  workerName,
  type TrialEvent,
} from '@fashion-lab/sweep-queue/node';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { Interrupter } from '../interrupt.js';
import { displayPath } from '../outcome-lines.js';
import { runsDirOf } from '../run-location.js';
import { UsageError } from '../usage-error.js';
import { trialName, turnLine } from './sweep-command.js';

type WorkerCommand = Extract<Command, { name: 'worker' }>;

/** "07:40:01Z": when a worker line was printed (UTC, so the lines of many machines line up). */
function clock(): string {
  return `${new Date().toISOString().slice(11, 19)}Z`;
}

/** One plain line about a trial, without the worker's name and time. */
function eventLine(event: TrialEvent): string {
  const name = trialName(event.trial, event.sweep);
  const line = ((): string => {
    switch (event.kind) {
      case 'start':
        return event.resumed
          ? `${name} resumed: run ${event.trial.runId} (from its last checkpoint)`
          : `${name} started: run ${event.trial.runId}`;
      case 'end':
        return event.turn.state === 'interrupted'
          ? `${name} interrupted (resumable): handed back to the queue`
          : turnLine(event.turn, event.trial, event.sweep);
      case 'error':
        return `${name} failed: ${event.error}${event.final ? '' : ' (to be tried again)'}`;
    }
  })();
  return `sweep ${event.sweep.sweepId}: ${line}`;
}

/**
 * `worker`: trains sweep trials from the queue, one plain line per trial start and end naming
 * this worker (host:pid), until Ctrl-C (SIGINT or SIGTERM): the running trial is interrupted at
 * its next batch, resumably, and its job goes straight back to the queue. Exit 0 when stopped so,
 * 1 when this machine cannot train (no sweep in its runs directory, no dataset).
 */
export async function workerCommand(command: WorkerCommand, io: CliIo): Promise<number> {
  const queue = queueUrlFrom(command.queue, io.env);
  if (queue === undefined) {
    throw new UsageError('worker needs --queue redis://HOST:PORT (or FASHION_LAB_QUEUE set)');
  }
  const runsDir = runsDirOf(command, io);
  await checkQueueReachable(queue);
  const name = workerName();
  const say = (line: string): void => {
    io.stdout.write(`${clock()} worker ${name}: ${line}\n`);
  };
  let lastConnectionError = '';
  const worker = await startQueueWorker({
    queue,
    runsDir,
    ...(command.dataDir !== undefined ? { dataDir: command.dataDir } : {}),
    concurrency: command.concurrency,
    onEvent: (event) => say(eventLine(event)),
    // ioredis retries every few hundred ms: say each new problem once.
    onConnectionError: (message) => {
      if (message !== lastConnectionError) io.stderr.write(`${clock()} ${message}\n`);
      lastConnectionError = message;
    },
  });
  const interrupter = new Interrupter();
  const stopListening = interrupter.listen();
  say(
    `waiting for trials on ${queue.shown} (runs in ${displayPath(runsDir, io.cwd)}, ${command.concurrency} at a time)`,
  );
  const stopped = new Promise<void>((resolve) =>
    interrupter.controller.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  let failure: Error | undefined;
  await Promise.race([
    stopped,
    worker.failed.catch((error: Error) => {
      failure = error;
    }),
  ]);
  if (failure === undefined) say('stopping: the running trials go back to the queue');
  try {
    await worker.stop();
  } finally {
    stopListening();
  }
  if (failure !== undefined) throw failure;
  say('stopped');
  return 0;
}
