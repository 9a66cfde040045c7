import { Help, type HelpConfiguration } from 'commander';
import { FlagOption } from './flag-option.js';

/** Terms up to this width share a line with their description; longer ones get their own. */
const TERM_WIDTH = 24;
const INDENT = '  ';
const GAP = '  ';

/**
 * How every `--help` is laid out: flags as `--epochs N`, descriptions in one column wrapped to the
 * terminal, a long flag on a line of its own (commander would push every description right of
 * the longest flag), and commands listed by name alone.
 */
export const HELP_FORMAT: HelpConfiguration = {
  optionTerm: (option) => (option instanceof FlagOption ? option.term : option.flags),
  subcommandTerm: (command) => command.name(),
  padWidth: (command, helper) =>
    Math.min(TERM_WIDTH, Help.prototype.padWidth.call(helper, command, helper)),
  formatItem(term, termWidth, description, helper) {
    if (description === '') return `${INDENT}${term}`;
    const column = ' '.repeat(INDENT.length + termWidth + GAP.length);
    const width = (helper.helpWidth ?? 80) - column.length;
    const [first = '', ...rest] = helper.boxWrap(description, width).split('\n');
    const head =
      term.length <= termWidth
        ? `${INDENT}${term.padEnd(termWidth)}${GAP}${first}`
        : `${INDENT}${term}\n${column}${first}`;
    return [head, ...rest.map((line) => `${column}${line}`)].join('\n');
  },
};
