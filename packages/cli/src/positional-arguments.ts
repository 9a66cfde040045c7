import { isSafeRunId } from '@fashion-lab/run';
import type { Command as CommanderCommand } from 'commander';
import { UsageError } from './usage-error.js';

/** What commander itself reads as a number rather than a flag (`-1`, `-.5`, `-1e3`). */
const NEGATIVE_NUMBER = /^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/;

/** Whether commander treats `arg` as a flag (known or not) rather than an argument. */
export function looksLikeFlag(arg: string): boolean {
  return arg.length > 1 && arg.startsWith('-') && !NEGATIVE_NUMBER.test(arg);
}

/**
 * The arguments of a parsed subcommand besides its flags, at most `most` of them. The subcommands
 * let commander keep an unknown flag (and all after it) among these, so that this function is the
 * one place that words the mistake, naming the subcommand.
 */
export function positionalArguments(
  command: CommanderCommand,
  name: string,
  most: number,
): string[] {
  const unknown = command.args.find(looksLikeFlag);
  if (unknown !== undefined) {
    const flag = unknown.split('=')[0] ?? unknown;
    const known = command.options.find((option) => option.long === flag);
    if (known !== undefined && known.isBoolean()) {
      throw new UsageError(`${flag} does not take a value`);
    }
    const isProgram = command.parent === null;
    const where = isProgram ? '' : ` for "${name}"`;
    const help = isProgram ? 'fashion-lab help' : `fashion-lab help ${name}`;
    throw new UsageError(`unknown option ${flag}${where} (see ${help})`);
  }
  const extra = command.args[most];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" for "${name}"`);
  return command.args;
}

/** A run id names a directory under the runs dir: it must not be able to leave it. */
export function runIdArgument(value: string | undefined, name: string): string {
  if (value === undefined) throw new UsageError(`${name} needs a run id (see fashion-lab runs)`);
  if (!isSafeRunId(value)) {
    throw new UsageError(`"${value}" is not a run id (see fashion-lab runs)`);
  }
  return value;
}
