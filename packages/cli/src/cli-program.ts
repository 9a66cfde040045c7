import { CONFIG_FLAGS, DEFAULT_QUICK } from '@fashion-lab/run';
import { Command as CommanderCommand } from 'commander';
import { COMMAND_FLAGS } from './command-flags.js';
import { configFlagHelp, configOption } from './config-options.js';
import type { FlagOption } from './flag-option.js';
import { HELP_FORMAT } from './help-format.js';
import { registryLines } from './help-text.js';
import type { Command } from './command.js';
import { looksLikeFlag, positionalArguments } from './positional-arguments.js';
import { QUICK_TRAINING } from './quick-training.js';
import { BACKEND_FLAG, READ_SUBCOMMAND, type SubcommandName } from './read-subcommand.js';
import { UsageError } from './usage-error.js';

/** One subcommand's declaration: its line in the overview, its usage and its flags in order. */
interface Subcommand {
  name: SubcommandName;
  usage: string;
  summary: string;
  /** Whether the config flags of CONFIG_FLAGS come first (train). */
  configFlags?: boolean;
  /** Options listed under "Flags:", each declared once in COMMAND_FLAGS or CONFIG_FLAGS. */
  flags: readonly FlagOption[];
  /** Help after the flags (the model and optimizer lists). */
  after?: readonly string[];
}

/** Every subcommand, in the order the overview lists them. */
function subcommands(): Subcommand[] {
  const { quick, resume, file, index, dataDir, runsDir, json, seeds, explain } = COMMAND_FLAGS;
  const { sweepFile, resumeSweep, status, parallel, queue, detach, concurrency } = COMMAND_FLAGS;
  const backend = (defaultWording: string) =>
    configOption(BACKEND_FLAG, configFlagHelp(BACKEND_FLAG, defaultWording));
  return [
    {
      name: 'train',
      usage: '[flags]',
      summary: 'Train one model with a live view (plain lines when not a terminal).',
      configFlags: true,
      flags: [
        quick.option(
          `A complete small run (--limit ${QUICK_TRAINING.limit} --epochs ${QUICK_TRAINING.epochs}); the flags you give win.`,
        ),
        resume.option(),
        explain.option(),
        dataDir.option(),
        runsDir.option(),
        json.option('Print the raw training events as NDJSON.'),
      ],
      after: registryLines(),
    },
    {
      name: 'study',
      usage: '[--quick] [--file study.json] [flags]',
      summary: 'Run the seed study (or your own list of configs) and compare the runs.',
      flags: [
        quick.option('Small runs that finish in a few minutes.'),
        file.option(),
        seeds.option(),
        explain.option(
          "Write explain.json and embedding.json at the end of every run (default on; off with --seeds, as for a sweep's trials).",
        ),
        backend("each run's own (auto unless the study file says)"),
        dataDir.option(),
        runsDir.option(),
        json.option('Print the raw training events of every run as NDJSON.'),
      ],
      after: registryLines(),
    },
    {
      name: 'sweep',
      usage: '(--file SPEC.json | --resume SWEEP_ID | --status SWEEP_ID) [flags]',
      summary:
        'Train a sweep (grid or random search x seeds, optional halving), with mean ± std per config.',
      flags: [
        sweepFile.option(),
        resumeSweep.option(),
        status.option(),
        quick.option(
          `Small trials (--limit ${DEFAULT_QUICK.limit} --epochs ${DEFAULT_QUICK.epochs}, as a quick study's); the spec's space wins.`,
        ),
        parallel.option(),
        queue.option(
          'Put the trials on this Redis queue for `worker` processes on any machine (shared runs directory). Default: FASHION_LAB_QUEUE.',
        ),
        detach.option(),
        dataDir.option(),
        runsDir.option(),
        json.option("Print the sweep's summary as JSON."),
      ],
    },
    {
      name: 'worker',
      usage: '--queue URL [flags]',
      summary: 'Train sweep trials from a Redis queue (Ctrl-C hands the running trial back).',
      flags: [
        queue.option(),
        concurrency.option(),
        dataDir.option(),
        runsDir.option(
          "Where runs are saved: the same (shared) directory as the sweep's. Default: RUNS_DIR, else runs/ at the workspace root.",
        ),
      ],
    },
    {
      name: 'runs',
      usage: '[flags]',
      summary: 'List saved runs with status (stale ones marked) and accuracy.',
      flags: [runsDir.option(), json.option('Print the list as JSON, for scripts.')],
    },
    {
      name: 'summary',
      usage: 'RUN_ID [flags]',
      summary: "Show a run's config, result and Keras-style layer table.",
      flags: [runsDir.option(), json.option("Print the run's run.json.")],
    },
    {
      name: 'evaluate',
      usage: 'RUN_ID [flags]',
      summary: "Re-evaluate a run's saved model on the test set.",
      flags: [
        backend("the run's own"),
        dataDir.option(),
        runsDir.option(),
        json.option('Print the evaluation as JSON.'),
      ],
    },
    {
      name: 'explain',
      usage: 'RUN_ID [flags]',
      summary:
        "Compute a finished run's explain.json (saliency heatmaps) and embedding.json (test-set map).",
      flags: [
        backend("the run's own"),
        dataDir.option(),
        runsDir.option(),
        json.option('Print where the files went as JSON.'),
      ],
    },
    {
      name: 'predict',
      usage: 'RUN_ID (IMAGE.png | --index N) [flags]',
      summary: 'Top-3 classes for a PNG of any size, or for test image N.',
      flags: [
        index.option(),
        backend("the run's own"),
        dataDir.option('Where the four IDX files are, for --index (as for train).'),
        runsDir.option(),
        json.option('Print the prediction as JSON.'),
      ],
    },
  ];
}

/** Options for the program: where commander writes help, how wide, and who gets the result. */
export interface ProgramOptions {
  write(text: string): void;
  helpWidth: number;
  done(command: Command): void;
}

/**
 * The whole command line as a commander program: every subcommand with its flags (the config
 * flags from the run package's CONFIG_FLAGS, the others from COMMAND_FLAGS) and help generated from them.
 * Help ends the parse with commander's exit (exitOverride: a thrown CommanderError with exit
 * code 0); a parsed command goes to `done`.
 */
export function cliProgram({ write, helpWidth, done }: ProgramOptions): CommanderCommand {
  const program = new CommanderCommand('fashion-lab')
    .usage('COMMAND [flags]')
    .description('fashion-lab: train, watch and explain Fashion-MNIST classifiers.')
    .optionsGroup('Flags:')
    .helpOption('-h, --help', 'Show this help.')
    .helpCommand(false)
    .configureHelp(HELP_FORMAT)
    .configureOutput({
      writeOut: write,
      writeErr: write,
      // Mistakes surface as thrown errors, worded once by parseCommandLine and the readers.
      outputError: () => undefined,
      getOutHelpWidth: () => helpWidth,
      getErrHelpWidth: () => helpWidth,
    })
    .exitOverride()
    .allowExcessArguments()
    .allowUnknownOption();
  const unknownCommand = (name: string): UsageError => {
    const names = program.commands.map((command) => command.name());
    return new UsageError(`unknown command "${name}" (choose one of ${names.join(', ')})`);
  };
  for (const spec of subcommands()) {
    const command = program
      .command(spec.name)
      .usage(spec.usage)
      .description(spec.summary)
      .allowUnknownOption();
    if (spec.configFlags) {
      command.optionsGroup('Config flags (each one is stored in run.json):');
      for (const flag of CONFIG_FLAGS) command.addOption(configOption(flag));
    }
    command.optionsGroup('Flags:');
    for (const option of spec.flags) command.addOption(option);
    command.helpOption('-h, --help', 'Show this help.');
    const after = [...(spec.after ?? []), ...(spec.after ? [''] : [])];
    command.addHelpText(
      'after',
      `\n${[...after, `Through nx: npx nx run cli:${spec.name} -- [flags]`].join('\n')}`,
    );
    command.action((_options, parsed: CommanderCommand) =>
      done(READ_SUBCOMMAND[spec.name](parsed)),
    );
  }
  program
    .command('help')
    .usage('[COMMAND]')
    .description("Show this help, or one command's.")
    .allowUnknownOption()
    .action((_options, parsed: CommanderCommand) => {
      const [topic] = positionalArguments(parsed, 'help', 1);
      if (topic === undefined) return program.help();
      const target = program.commands.find((command) => command.name() === topic);
      if (target === undefined) throw unknownCommand(topic);
      return target.help();
    });
  const overviewEnd = [
    ...registryLines(),
    '',
    'Run "fashion-lab help COMMAND" for its flags.',
    'Through nx: npx nx run cli:COMMAND -- [flags]',
  ];
  program.addHelpText('after', `\n${overviewEnd.join('\n')}`);
  // Reached only when no subcommand matched: no arguments at all ask for the overview.
  program.action((_options, parsed: CommanderCommand) => {
    const [first] = parsed.args;
    if (first === undefined) return program.help();
    if (!looksLikeFlag(first)) throw unknownCommand(first);
    positionalArguments(parsed, 'fashion-lab', 0);
  });
  return program;
}
