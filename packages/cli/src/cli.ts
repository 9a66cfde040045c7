import type { CliIo } from './cli-io.js';
import { evaluateCommand } from './commands/evaluate-command.js';
import { explainCommand } from './commands/explain-command.js';
import { queuedSweepCommand } from './commands/queued-sweep.js';
import { predictCommand } from './commands/predict-command.js';
import { runsCommand } from './commands/runs-command.js';
import { studyCommand } from './commands/study-command.js';
import { summaryCommand } from './commands/summary-command.js';
import { sweepCommand } from './commands/sweep-command.js';
import { trainCommand } from './commands/train-command.js';
import { workerCommand } from './commands/worker-command.js';
import { reportError } from './error-report.js';
import type { Command } from './command.js';
import { parseCommandLine } from './parse-command-line.js';

function dispatch(command: Command, io: CliIo): Promise<number> {
  switch (command.name) {
    case 'help':
      io.stdout.write(command.text);
      return Promise.resolve(0);
    case 'train':
    case 'resume':
      return trainCommand(command, io);
    case 'study':
      return studyCommand(command, io);
    case 'sweep':
      // With a queue (--queue or FASHION_LAB_QUEUE) the trials go to workers instead.
      return queuedSweepCommand(command, io).then((queued) => queued ?? sweepCommand(command, io));
    case 'worker':
      return workerCommand(command, io);
    case 'runs':
      return runsCommand(command, io);
    case 'summary':
      return summaryCommand(command, io);
    case 'evaluate':
      return evaluateCommand(command, io);
    case 'explain':
      return explainCommand(command, io);
    case 'predict':
      return predictCommand(command, io);
  }
}

/**
 * The whole CLI: parse, run the command, and map any error to one line on stderr and an exit
 * code (2 for usage mistakes, 1 for failures). The only place that knows about exit codes.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    // Help wraps to the terminal it is shown on (commander's default of 80 columns otherwise).
    const helpWidth = io.stdout.isTTY ? io.stdout.columns : undefined;
    return await dispatch(parseCommandLine(args, helpWidth !== undefined ? { helpWidth } : {}), io);
  } catch (error) {
    const report = reportError(error, io.env);
    io.stderr.write(`${report.message}\n`);
    return report.exitCode;
  }
}
