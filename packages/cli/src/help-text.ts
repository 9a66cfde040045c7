import { MODEL_NAMES, MODEL_TABLE, OPTIMIZER_NAMES, OPTIMIZER_TABLE } from '@fashion-lab/run';
import { CONFIG_FLAGS, defaultConfig } from '@fashion-lab/run';
import { defaultWorkerCount, MAX_DEFAULT_WORKERS } from '@fashion-lab/core/node';
import { formatLearningRate } from './format.js';
import { QUICK_TRAINING, type CommandName } from './parse-command-line.js';

const COMMANDS: Record<CommandName, { usage: string; summary: string; flags?: string[] }> = {
  train: {
    usage: 'fashion-lab train [flags]',
    summary: 'Train one model with a live view (plain lines when not a terminal).',
    flags: [
      `--quick                  a complete small run (--limit ${QUICK_TRAINING.limit} --epochs ${QUICK_TRAINING.epochs})`,
      '--resume RUN_ID          continue an interrupted run (add --epochs N to extend one)',
      '--data-dir DIR           where the four IDX files are',
      '--runs-dir DIR           where runs are saved (default: RUNS_DIR, else runs/)',
      '--json                   print the raw training events as NDJSON',
    ],
  },
  study: {
    usage: 'fashion-lab study [--quick] [--file study.json] [flags]',
    summary: 'Run the seed study (or your own list of configs) and compare the runs.',
    flags: [
      '--quick                  small runs that finish in a few minutes',
      '--file FILE              a JSON study file of configs instead of the seed study',
      '--backend NAME           auto, node, wasm or cpu, for every run',
      '--data-dir DIR, --runs-dir DIR, --json   as for train',
    ],
  },
  runs: {
    usage: 'fashion-lab runs [--json] [--runs-dir DIR]',
    summary: 'List saved runs with status (stale ones marked) and accuracy.',
  },
  summary: {
    usage: 'fashion-lab summary RUN_ID [--runs-dir DIR]',
    summary: "Show a run's config, result and Keras-style layer table.",
  },
  evaluate: {
    usage: 'fashion-lab evaluate RUN_ID [--data-dir DIR] [--runs-dir DIR] [--json]',
    summary: "Re-evaluate a run's saved model on the test set.",
  },
  predict: {
    usage: 'fashion-lab predict RUN_ID (IMAGE.png | --index N) [--json]',
    summary: 'Top-3 classes for a PNG of any size, or for test image N.',
  },
  help: { usage: 'fashion-lab help [COMMAND]', summary: "Show this help, or one command's." },
};

/** The model and optimizer lists, read from core's registries so they never go out of date. */
function registryLines(): string[] {
  const models = MODEL_NAMES.map((name) => {
    const spec = MODEL_TABLE[name];
    const { optimizer, learningRate, lrSchedule, epochs, batchSize, maxWorkers, augment } =
      spec.defaults;
    const rate = `lr ${formatLearningRate(learningRate)}${lrSchedule === 'cosine' ? ' (cosine)' : ''}`;
    return [
      `  ${name.padEnd(17)}${spec.description}`,
      `  ${''.padEnd(17)}defaults: ${optimizer}, ${rate}, ${epochs} epochs, batch ${batchSize}` +
        (augment !== undefined && augment !== 'off' ? `, --augment ${augment}` : '') +
        (maxWorkers !== undefined ? `, at most ${maxWorkers} worker(s)` : ''),
    ];
  });
  const optimizers = OPTIMIZER_NAMES.map((name) => {
    const spec = OPTIMIZER_TABLE[name];
    return `  ${name.padEnd(17)}${spec.description} (default lr ${formatLearningRate(spec.defaultLearningRate)})`;
  });
  return [
    'Models:',
    ...models.flat(),
    '',
    'Optimizers:',
    ...optimizers,
    '',
    `Default run: ${defaultConfig().model} with ${defaultConfig().optimizer}, ${defaultWorkerCount()} training worker(s) (one per core, at most ${MAX_DEFAULT_WORKERS}, or the model's own limit).`,
  ];
}

/** `train`'s config flags, read from core's table (the one its reproduce command is written with). */
function configFlagLines(): string[] {
  return CONFIG_FLAGS.map((spec) => {
    const value =
      spec.takes === 'switch'
        ? ''
        : spec.takes === 'optional-value'
          ? ` [${spec.valueName ?? 'VALUE'}]`
          : ` ${spec.valueName ?? 'VALUE'}`;
    const choices = spec.choices ? ` (${spec.choices.join(', ')})` : '';
    const flag = `${spec.flag}${value}`;
    // A long flag gets its description on the next line, aligned with the others.
    return flag.length < 25
      ? `  ${flag.padEnd(25)}${spec.description}${choices}`
      : `  ${flag}\n  ${''.padEnd(25)}${spec.description}${choices}`;
  });
}

/** The text of `fashion-lab help [command]` and `--help`. */
export function helpText(topic?: CommandName): string {
  if (topic !== undefined && topic !== 'help') {
    const command = COMMANDS[topic];
    const lines = [`Usage: ${command.usage}`, '', command.summary];
    if (topic === 'train')
      lines.push('', 'Config flags (each one is stored in run.json):', ...configFlagLines());
    if (command.flags) lines.push('', 'Flags:', ...command.flags.map((flag) => `  ${flag}`));
    if (topic === 'train' || topic === 'study') lines.push('', ...registryLines());
    lines.push('', `Through nx: npx nx run cli:${topic} -- [flags]`);
    return `${lines.join('\n')}\n`;
  }
  const lines = [
    'fashion-lab: train, watch and explain Fashion-MNIST classifiers.',
    '',
    'Usage: fashion-lab COMMAND [flags]   (through nx: npx nx run cli:COMMAND -- [flags])',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`),
    '',
    ...registryLines(),
    '',
    'Run "fashion-lab help COMMAND" for its flags.',
  ];
  return `${lines.join('\n')}\n`;
}
