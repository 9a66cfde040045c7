import { CommanderError } from 'commander';
import { cliProgram } from './cli-program.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';

/** Errors whose message is already the one sentence a usage mistake gets. */
const SENTENCE_ERRORS = new Set(['UsageError', 'ConfigFlagError']);

/**
 * Parses the CLI's arguments (without `node` and the script) into one command, help included
 * (its text wrapped to `helpWidth`). Every mistake is a UsageError with a one-sentence message,
 * the same sentence whichever subcommand it is made in; nothing here touches the disk.
 */
export function parseCommandLine(
  args: readonly string[],
  { helpWidth = 80 }: { helpWidth?: number } = {},
): Command {
  let written = '';
  let parsed: Command | undefined;
  const program = cliProgram({
    write: (text) => {
      written += text;
    },
    helpWidth,
    done: (command) => {
      parsed = command;
    },
  });
  try {
    program.parse(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return { name: 'help', text: written };
      // A flag that takes a value always takes the next argument, so the one missing its value
      // is the last argument.
      if (error.code === 'commander.optionMissingArgument') {
        throw new UsageError(`${args.at(-1) ?? ''} needs a value`);
      }
    }
    if (error instanceof Error && SENTENCE_ERRORS.has(error.name)) {
      throw new UsageError(error.message);
    }
    throw error;
  }
  if (parsed === undefined) throw new Error('the command line parsed to no command');
  return parsed;
}
